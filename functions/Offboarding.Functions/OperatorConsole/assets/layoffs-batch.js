import { el, label, seconds, showProblem, time } from './format.js';
import { PlanTable } from './layoffs-plan.js';
import { ReportView } from './layoffs-report.js';

/** Batch states in which people are still to be started (the page follows these closely). */
const runningStates = new Set(['running', 'paused']);

/**
 * One layoff: what was asked and decided, the estimate, the progress bar with its ETA, the decisions its state allows
 * (each confirmed in the dialog), its people, and its report.
 */
export class BatchPanel {
  /**
   * @param {import('./api.js').OperatorApi} api
   * @param {import('./confirm.js').ConfirmDialog} confirm
   * @param {(offboardingId: string) => void} openOffboarding
   * @param {(message: string) => Promise<void>} acted called after a decision went through, to report and refresh
   */
  constructor(api, confirm, openOffboarding, acted) {
    this.api = api;
    this.confirm = confirm;
    this.acted = acted;
    this.section = document.getElementById('batch');
    this.title = document.getElementById('batch-title');
    this.facts = document.getElementById('batch-facts');
    this.estimate = document.getElementById('batch-estimate');
    this.credits = document.getElementById('batch-credits');
    this.progress = document.getElementById('batch-progress');
    this.progressText = document.getElementById('batch-progress-text');
    this.problem = document.getElementById('batch-problem');
    this.plan = new PlanTable(openOffboarding);
    this.report = new ReportView(api);
    this.view = null;
    this.buttons = Object.fromEntries(['approve', 'reject', 'pause', 'resume', 'cancel'].map((action) => [action, document.getElementById(`batch-${action}`)]));

    document.getElementById('batch-close').addEventListener('click', () => this.close());
    this.section.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !this.confirm.root.open) {
        this.close();
      }
    });
    for (const [action, button] of Object.entries(this.buttons)) {
      button.addEventListener('click', () => void this.#decide(action));
    }
    document.getElementById('batch-people-refresh').addEventListener('click', () => void this.#run(() => this.#reloadPeople()));
    document.getElementById('batch-report-view').addEventListener('click', () => void this.#run(() => this.report.show(this.view.id)));
    document.getElementById('batch-report-download').addEventListener('click', () => void this.#run(() => this.report.download(this.view.id)));
  }

  get openId() {
    return this.section.hidden ? null : this.view?.id ?? null;
  }

  /** Whether the open layoff is starting people, so its progress is worth following closely. */
  get running() {
    return Boolean(this.openId && runningStates.has(this.view.state));
  }

  /** Shows a layoff (fetched, or as an answer just gave it) and moves focus to its heading. */
  async open(id, view) {
    if (this.view?.id !== id) {
      this.plan.clear();
      this.report.clear();
    }
    showProblem(this.problem, null);
    this.section.hidden = false;
    try {
      this.render(view ?? await this.api.batch(id));
    } catch (error) {
      this.view = { id };
      this.title.textContent = `Layoff ${id}`;
      showProblem(this.problem, error);
    }
    this.title.focus();
    this.section.scrollIntoView({ block: 'start' });
  }

  /**
   * Fetches the open layoff's progress again, without its people; they are fetched again only when its state changed
   * (or the operator asks), since a 10,000-person layoff is a large answer. Focus stays where it is. One at a time.
   */
  refresh() {
    this.refreshing ??= this.#refreshProgress().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  async #refreshProgress() {
    const id = this.openId;
    const rendered = this.rendered;
    // While a decision is on its way its answer is the next view: a state read meanwhile is about to be old.
    if (!id || this.deciding) {
      return;
    }
    let view = await this.api.batch(id, { progress: true });
    if (view.state !== this.view?.state && this.#current(id, rendered)) {
      view = await this.api.batch(id);
    }
    if (this.#current(id, rendered)) {
      this.render(view);
    }
  }

  /** Whether nothing newer than what a refresh started from was drawn or asked for since. */
  #current(id, rendered) {
    return this.rendered === rendered && this.openId === id && !this.deciding;
  }

  async #reloadPeople() {
    if (this.openId) {
      this.render(await this.api.batch(this.openId));
    }
  }

  close() {
    const id = this.openId;
    this.section.hidden = true;
    this.view = null;
    this.plan.clear();
    this.report.clear();
    showProblem(this.problem, null);
    if (id) {
      document.querySelector(`#batch-rows button[data-id="${CSS.escape(id)}"]`)?.focus();
    }
  }

  render(view) {
    this.view = view;
    this.title.replaceChildren(`${view.name} `, el('span', { className: `badge batch-${view.state}` }, label(view.state)));
    this.facts.replaceChildren(...facts(view).flatMap(([term, ...value]) => [el('dt', {}, term), el('dd', {}, ...value)]));
    this.#renderEstimate(view.estimate);
    this.#renderProgress(view);
    for (const [action, button] of Object.entries(this.buttons)) {
      button.hidden = !view.actions.includes(action);
    }
    this.rendered = (this.rendered ?? 0) + 1;
    // A progress answer has no people: the list shown stays as it was fetched.
    if (Array.isArray(view.members)) {
      this.plan.render(view.members, new Date());
    }
  }

  #renderEstimate(estimate) {
    this.credits.hidden = true;
    if (!estimate) {
      this.estimate.textContent = 'No estimate was made.';
      return;
    }
    const fit = estimate.creditsFit === null || estimate.creditsFit === undefined
      ? 'Whether they fit is not known: the app has no credit budget of its own, and other integrations spend the same credits.'
      : estimate.creditsFit
        ? `They fit in the ${estimate.creditsRemaining} left in the window.`
        : '';
    this.estimate.replaceChildren(
      `About ${seconds(estimate.durationSeconds)} for ${estimate.people} people, ${estimate.jobLimit} Zoho jobs at a time of ` +
      `${seconds(estimate.jobSeconds)} each (${estimate.jobDurationBasis}). ${estimate.credits} Zoho API credits ` +
      `(${estimate.creditBasis}). ${fit}`.trim(), ' Estimated ', time(estimate.estimatedAt), '.');
    if (estimate.creditsFit === false) {
      this.credits.hidden = false;
      this.credits.textContent = `The credits do not fit: only ${estimate.creditsRemaining} are left in the window. ` +
        'Transfers will wait for credits, and the layoff will take longer than estimated.';
    }
  }

  #renderProgress(view) {
    const progress = view.progress;
    this.progress.max = Math.max(1, progress.total);
    this.progress.value = progress.done;
    const counts = `${progress.done} of ${progress.total} done: ${progress.completed} completed, ${progress.failed} failed, ${progress.waiting} waiting to start.`;
    const eta = progress.etaSeconds === null || progress.etaSeconds === undefined ? ''
      : progress.pacePerMinute
        ? ` About ${seconds(progress.etaSeconds)} left at ${progress.pacePerMinute.toFixed(1)} a minute.`
        : ` About ${seconds(progress.etaSeconds)} left (the estimate: nothing has finished yet).`;
    const states = {
      awaiting_approval: [' Nothing runs until an operator approves it.'],
      running: [eta],
      paused: [' Paused: nobody new is started until it is resumed.'],
      finished: [' Finished ', time(view.finishedAt), '.'],
    };
    this.progressText.replaceChildren(counts, ...(states[view.state] ?? [` ${label(view.state)}.`]));
  }

  #decide(action) {
    const view = this.view;
    const ready = view.plan?.ready ?? 0;
    const requests = {
      approve: { title: `Approve the layoff “${view.name}”?`, confirmLabel: 'Approve',
        text: `${ready} ${ready === 1 ? 'person goes' : 'people go'} to Zoho as job slots free up. Zoho cannot undo a transfer-and-delete.` },
      reject: { title: `Reject the layoff “${view.name}”?`, confirmLabel: 'Reject', reason: 'required', danger: true,
        text: 'Nobody of it is ever sent to Zoho.' },
      pause: { title: `Pause the layoff “${view.name}”?`, confirmLabel: 'Pause',
        text: 'Nobody new is started until it is resumed; people Zoho already has finish.' },
      resume: { title: `Resume the layoff “${view.name}”?`, confirmLabel: 'Resume', text: 'People are started again as job slots free up.' },
      cancel: { title: `Cancel the layoff “${view.name}”?`, confirmLabel: 'Cancel layoff', reason: 'required', danger: true,
        text: 'Everyone not yet sent to Zoho is cancelled; people Zoho already has finish.' },
    };
    const done = { approve: 'Approved', reject: 'Rejected', pause: 'Paused', resume: 'Resumed', cancel: 'Cancelled' }[action];
    return this.#act(requests[action], (input) => this.api.batchAction(view.id, action, input.reason), `${done} the layoff “${view.name}”.`);
  }

  async #act(request, run, done) {
    showProblem(this.problem, null);
    let answer;
    let succeeded;
    try {
      succeeded = await this.confirm.ask({
        ...request,
        run: async (input) => {
          this.deciding = true;
          try {
            answer = await run(input);
            return answer;
          } catch (error) {
            const shown = error.status === 403
              ? Object.assign(new Error(`You submitted this layoff: another operator must approve it. ${error.message}`), { status: 403 })
              : error;
            showProblem(this.problem, shown);
            this.deciding = false;
            void this.refresh().catch(() => {});
            throw shown;
          }
        },
      });
      if (succeeded) {
        showProblem(this.problem, null);
        this.render(answer);
      }
    } finally {
      this.deciding = false;
    }
    if (succeeded) {
      await this.acted(done);
    }
    (Object.values(this.buttons).find((b) => !b.hidden) ?? this.title).focus();
  }

  async #run(work) {
    showProblem(this.problem, null);
    try {
      await work();
    } catch (error) {
      showProblem(this.problem, error);
    }
  }
}

function facts(view) {
  const decision = (action) => (action ? [`by ${action.by} at `, time(action.at), action.reason ? `: ${action.reason}` : ''] : null);
  const plan = Object.entries(view.plan ?? {}).filter(([, count]) => count > 0).map(([name, count]) => `${count} ${label(name).toLowerCase()}`).join(', ');
  const rows = [
    ['Id', el('code', {}, view.id)],
    ['Reason', view.reason],
    ['Submitted', `by ${view.submittedBy} at `, time(view.createdAt)],
    ['People', `${view.people}${plan ? ` (${plan})` : ''}`],
    ['Starts no earlier than', view.startAt ? time(view.startAt) : null],
    ['Approved', decision(view.approval)],
    ['Rejected', decision(view.rejection)],
    ['Cancelled', decision(view.cancellation)],
    ['Started', view.startedAt ? time(view.startedAt) : null],
  ];
  return rows.filter(([, ...value]) => value.some((v) => v !== null && v !== undefined && v !== ''));
}
