import { el, endedStates, label, showProblem, stateBadge, time, who } from './format.js';

/**
 * One offboarding: what it is, where it is (Zoho job and its last status, target and the rule that chose it, failure,
 * cancellation, hold), its audit trail as a timeline, the events it published, and the actions it allows.
 */
export class DetailView {
  /**
   * @param {import('./api.js').OperatorApi} api
   * @param {import('./confirm.js').ConfirmDialog} confirm
   * @param {(message: string) => Promise<void>} acted called after an action succeeded, to report and refresh
   */
  constructor(api, confirm, acted) {
    this.api = api;
    this.confirm = confirm;
    this.acted = acted;
    this.section = document.getElementById('detail');
    this.title = document.getElementById('detail-title');
    this.facts = document.getElementById('detail-facts');
    this.audit = document.getElementById('detail-audit');
    this.events = document.getElementById('detail-events');
    this.holdNote = document.getElementById('detail-hold');
    this.problem = document.getElementById('detail-problem');
    this.cancelButton = document.getElementById('detail-cancel');
    this.retryButton = document.getElementById('detail-retry');
    this.approveButton = document.getElementById('detail-approve');
    this.rejectButton = document.getElementById('detail-reject');
    this.view = null;

    document.getElementById('detail-close').addEventListener('click', () => this.close());
    this.section.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !this.confirm.root.open) {
        this.close();
      }
    });
    this.cancelButton.addEventListener('click', () => void this.#cancel());
    this.retryButton.addEventListener('click', () => void this.#retry());
    this.approveButton.addEventListener('click', () => void this.#approve());
    this.rejectButton.addEventListener('click', () => void this.#reject());
  }

  get openId() {
    return this.section.hidden ? null : this.view?.id ?? null;
  }

  /** Shows an offboarding and moves focus to its heading (screen readers announce it). */
  async open(id) {
    showProblem(this.problem, null);
    this.section.hidden = false;
    try {
      this.#render(await this.api.get(id));
    } catch (error) {
      this.view = { id };
      this.title.textContent = `Offboarding ${id}`;
      showProblem(this.problem, error);
    }
    this.title.focus();
    this.section.scrollIntoView({ block: 'start' });
  }

  /** Fetches the open offboarding again (auto-refresh, after actions); focus stays where it is. */
  async refresh() {
    if (this.openId) {
      this.#render(await this.api.get(this.openId));
    }
  }

  close() {
    const id = this.openId;
    this.section.hidden = true;
    this.view = null;
    this.#clear();
    if (id) {
      document.querySelector(`#list-rows button[data-id="${CSS.escape(id)}"]`)?.focus();
    }
  }

  #clear() {
    this.title.textContent = '';
    this.facts.replaceChildren();
    this.audit.replaceChildren();
    this.events.replaceChildren();
    this.holdNote.replaceChildren();
    showProblem(this.problem, null);
  }

  #render(view) {
    this.view = view;
    this.title.replaceChildren(`${who(view)} `, stateBadge(view.state));
    this.facts.replaceChildren(...this.#facts(view).flatMap(([term, ...value]) => [el('dt', {}, term), el('dd', {}, ...value)]));
    this.audit.replaceChildren(...(view.audit ?? []).map((entry) =>
      el('li', { className: `outcome-${String(entry.outcome).toLowerCase()}` },
        time(entry.at),
        el('span', { className: 'step' }, label(entry.step)),
        el('span', { className: 'outcome' }, label(entry.outcome)),
        entry.detail ? el('span', { className: 'audit-detail' }, entry.detail) : null)));
    this.events.replaceChildren(...(view.events?.length ? view.events.map((name) => el('li', {}, name)) : [el('li', { className: 'hint' }, 'None yet')]));

    this.holdNote.hidden = !view.hold;
    this.holdNote.replaceChildren(...(view.hold ? ['Held since ', time(view.hold.since), view.hold.reason ? `: ${view.hold.reason}` : ''] : []));
    // Cancelling is offered until the offboarding has ended: whether Zoho already has it is the API's call, and its
    // refusal says since when it cannot be undone.
    this.cancelButton.hidden = endedStates.has(view.state);
    this.retryButton.hidden = view.state !== 'failed';
    this.approveButton.hidden = view.state !== 'held';
    this.rejectButton.hidden = view.state !== 'held';
    if (view.state === 'held') {
      this.cancelButton.hidden = true;
    }
  }

  #facts(view) {
    const employee = view.employee;
    const facts = [
      ['Id', el('code', {}, view.id)],
      ['State', stateBadge(view.state), view.dryRun ? ' (dry run)' : ''],
      ['Operation', label(view.operation)],
      ['Attempt', view.attempt !== undefined ? String(view.attempt) : null],
      ['Employee', employee ? [employee.name, employee.workEmail].filter(Boolean).join(' · ') : null],
      ['HRIS id', employee?.hrisId],
      ['Zoho user', employee?.zohoUserId ?? view.leaverZohoId],
      ['Transfer target', view.target ? targetText(view.target) : null],
      ['Subordinates go to', view.subordinatesTargetZohoId],
      ['Zoho job id', view.zohoJobId ? el('code', {}, view.zohoJobId) : null],
      ['Last job status', view.lastJobStatus ? `${view.lastJobStatus} (polled ${view.pollCount ?? 0}×)` : null],
      ['Failure', view.failure ? [el('code', {}, view.failure.code), view.failure.message ? ` ${view.failure.message}` : ''] : null],
      ['Cancelled', view.cancellation ? [`by ${view.cancellation.by} at `, time(view.cancellation.at), `: ${view.cancellation.reason}`] : null],
      ['Effective at', time(view.effectiveAt)],
      ['Created', time(view.createdAt)],
      ['Updated', time(view.updatedAt)],
      ['Finished', view.finishedAt ? time(view.finishedAt) : null],
      ['Stalled since', view.stalledAt ? time(view.stalledAt) : null],
      ['Unconfirmed since', view.unconfirmedSince ? time(view.unconfirmedSince) : null],
      ['Waiting for a Zoho job slot since', view.waitingForSlotSince ? time(view.waitingForSlotSince) : null],
      ['Waiting for Zoho API credits since', view.waitingForCreditsSince ? time(view.waitingForCreditsSince) : null],
      ['Planned calls', view.plannedCalls?.length ? el('ul', {}, view.plannedCalls.map((call) => el('li', { className: 'mono' }, call))) : null],
      ['Source', view.source ? `${view.source} (event ${view.sourceEventId})` : null],
    ];
    return facts.filter(([, ...value]) => value.some((v) => v !== null && v !== undefined && v !== ''));
  }

  #cancel() {
    const view = this.view;
    return this.#act({
      title: `Cancel the offboarding of ${who(view)}?`,
      text: 'It will not be sent to Zoho. Once Zoho has it, it cannot be undone: then the API refuses and says why.',
      confirmLabel: 'Cancel offboarding',
      reason: 'required',
      danger: true,
      run: ({ reason }) => this.api.cancel(view.id, reason),
    }, `Cancelled the offboarding of ${who(view)}.`);
  }

  #retry() {
    const view = this.view;
    return this.#act({
      title: `Retry the offboarding of ${who(view)}?`,
      text: `It goes through the pipeline again as attempt ${(view.attempt ?? 1) + 1}. If its failure would only repeat ` +
        '(Zoho refused the work), the API refuses the retry and says why: fix the cause (for instance name another ' +
        'target below) and tick Force.',
      confirmLabel: 'Retry',
      reason: 'optional',
      transfer: true,
      force: true,
      run: ({ reason, force, transferTo }) => this.api.retry(view.id, {
        ...(reason ? { reason } : {}),
        ...(force ? { force: true } : {}),
        ...(transferTo ? { transferTo: { email: transferTo } } : {}),
      }),
    }, `Retrying the offboarding of ${who(view)}.`);
  }

  #approve() {
    const view = this.view;
    return this.#act({
      title: `Release ${who(view)} from the hold?`,
      text: 'It goes on to Zoho now.',
      confirmLabel: 'Approve',
      run: () => this.api.approve([view.id]),
    }, `Approved the offboarding of ${who(view)}.`);
  }

  #reject() {
    const view = this.view;
    return this.#act({
      title: `Reject the held offboarding of ${who(view)}?`,
      text: 'It is cancelled and never sent to Zoho.',
      confirmLabel: 'Reject',
      reason: 'required',
      danger: true,
      run: ({ reason }) => this.api.reject([view.id], reason),
    }, `Rejected the offboarding of ${who(view)}.`);
  }

  async #act(request, done) {
    showProblem(this.problem, null);
    const run = request.run;
    const succeeded = await this.confirm.ask({
      ...request,
      run: async (input) => {
        try {
          return await run(input);
        } catch (error) {
          // Also shown beside the buttons once the dialog is closed; the offboarding may have moved on meanwhile.
          showProblem(this.problem, error);
          void this.refresh().catch(() => {});
          throw error;
        }
      },
    });
    if (succeeded) {
      showProblem(this.problem, null);
      await this.acted(done);
    }
    this.#focusActions();
  }

  #focusActions() {
    const visible = [this.cancelButton, this.retryButton, this.approveButton, this.rejectButton].find((b) => !b.hidden);
    (visible ?? this.title).focus();
  }
}

function targetText(target) {
  const parts = [target.zohoUserId ? `Zoho user ${target.zohoUserId}` : 'not resolved yet'];
  if (target.rule) {
    parts.push(`rule: ${label(target.rule)}`);
  }
  if (target.reason) {
    parts.push(target.reason);
  }
  return parts.join(' · ');
}
