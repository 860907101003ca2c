import { el, showProblem, time, who } from './format.js';

/**
 * The hold banner: shown while a hold is open (an unusual burst of offboardings tripped it), listing what it holds
 * with a checkbox each, and approving or rejecting the selected ones or all of them.
 */
export class HoldBanner {
  /**
   * @param {import('./api.js').OperatorApi} api
   * @param {import('./confirm.js').ConfirmDialog} confirm
   * @param {(message: string) => Promise<void>} acted
   */
  constructor(api, confirm, acted) {
    this.api = api;
    this.confirm = confirm;
    this.acted = acted;
    this.section = document.getElementById('hold');
    this.summary = document.getElementById('hold-summary');
    this.list = document.getElementById('hold-list');
    this.problem = document.getElementById('hold-problem');
    // Kept across refreshes, so the list redrawing under the operator does not drop their ticks.
    this.selected = new Set();
    this.held = [];

    document.getElementById('hold-approve-selected').addEventListener('click', () => void this.#approve(true));
    document.getElementById('hold-approve-all').addEventListener('click', () => void this.#approve(false));
    document.getElementById('hold-reject-selected').addEventListener('click', () => void this.#reject(true));
    document.getElementById('hold-reject-all').addEventListener('click', () => void this.#reject(false));
  }

  async refresh() {
    this.render(await this.api.holds());
  }

  render(hold) {
    this.held = hold.held ?? [];
    const heldIds = new Set(this.held.map((h) => h.id));
    for (const id of [...this.selected]) {
      if (!heldIds.has(id)) {
        this.selected.delete(id);
      }
    }
    this.section.hidden = !hold.open && this.held.length === 0;
    if (this.section.hidden) {
      this.list.replaceChildren();
      return;
    }

    this.summary.replaceChildren(...(hold.open
      ? ['Opened ', time(hold.openedAt), `: ${hold.count} offboardings were accepted within ${duration(hold.window)} (the threshold is ${hold.threshold}). `,
        `${this.held.length} ${this.held.length === 1 ? 'waits' : 'wait'} for a decision.`]
      : [`The hold has closed; ${this.held.length} still ${this.held.length === 1 ? 'waits' : 'wait'} for a decision.`]));
    const focusedId = document.activeElement?.closest?.('#hold-list') ? document.activeElement.dataset.id : undefined;
    this.list.replaceChildren(...this.held.map((item) => {
      const box = el('input', { type: 'checkbox', id: `held-${item.id}`, dataset: { id: item.id }, checked: this.selected.has(item.id) });
      box.addEventListener('change', () => (box.checked ? this.selected.add(item.id) : this.selected.delete(item.id)));
      return el('li', {}, box, el('label', { for: `held-${item.id}` }, who(item), item.employee?.workEmail && item.employee.workEmail !== who(item) ? ` (${item.employee.workEmail})` : '', ' · accepted ', time(item.createdAt)));
    }));
    if (focusedId) {
      this.list.querySelector(`input[data-id="${CSS.escape(focusedId)}"]`)?.focus();
    }
  }

  clear() {
    this.selected.clear();
    this.held = [];
    this.list.replaceChildren();
    this.summary.replaceChildren();
    this.section.hidden = true;
  }

  #targets(selectedOnly) {
    if (!selectedOnly) {
      return { ids: undefined, count: this.held.length };
    }
    const ids = [...this.selected];
    return { ids, count: ids.length };
  }

  async #approve(selectedOnly) {
    const { ids, count } = this.#targets(selectedOnly);
    if (selectedOnly && count === 0) {
      showProblem(this.problem, new Error('Select the offboardings to approve first.'));
      return;
    }
    await this.#act({
      title: selectedOnly ? `Approve ${count} held ${plural(count)}?` : 'Approve every held offboarding?',
      text: 'Approved offboardings go on to Zoho now; Zoho cannot undo a transfer-and-delete.',
      confirmLabel: 'Approve',
      run: () => this.api.approve(ids),
    }, (result) => `Approved ${result.released?.length ?? 0} ${plural(result.released?.length ?? 0)}.`);
  }

  async #reject(selectedOnly) {
    const { ids, count } = this.#targets(selectedOnly);
    if (selectedOnly && count === 0) {
      showProblem(this.problem, new Error('Select the offboardings to reject first.'));
      return;
    }
    await this.#act({
      title: selectedOnly ? `Reject ${count} held ${plural(count)}?` : 'Reject every held offboarding?',
      text: 'Rejected offboardings are cancelled and never sent to Zoho.',
      confirmLabel: 'Reject',
      reason: 'required',
      danger: true,
      run: ({ reason }) => this.api.reject(ids, reason),
    }, (result) => `Rejected ${result.cancelled?.length ?? 0} ${plural(result.cancelled?.length ?? 0)}.`);
  }

  async #act(request, describe) {
    showProblem(this.problem, null);
    let result;
    const run = request.run;
    const succeeded = await this.confirm.ask({
      ...request,
      run: async (input) => {
        try {
          result = await run(input);
          return result;
        } catch (error) {
          showProblem(this.problem, error);
          throw error;
        }
      },
    });
    if (succeeded) {
      showProblem(this.problem, null);
      this.selected.clear();
      if (result?.hold) {
        this.render(result.hold);
      }
      await this.acted(describe(result ?? {}));
    }
  }
}

function plural(count) {
  return count === 1 ? 'offboarding' : 'offboardings';
}

/** "PT1H" → "1 hour"; other ISO 8601 durations as they are. */
function duration(iso) {
  const match = /^PT(?:(\d+)H)?(?:(\d+)M)?$/.exec(iso ?? '');
  if (!match) {
    return iso ?? '';
  }
  const parts = [];
  if (match[1]) {
    parts.push(`${match[1]} hour${match[1] === '1' ? '' : 's'}`);
  }
  if (match[2]) {
    parts.push(`${match[2]} minute${match[2] === '1' ? '' : 's'}`);
  }
  return parts.join(' ');
}
