import { cell, el, label, stateBadge } from './format.js';

// A 10,000-person layoff is filtered in the page; drawing every row would only slow it down.
const maxRows = 500;

/**
 * A layoff's people as the API lists them (problems first): what the plan found, who receives their records and by
 * which rule, and where they are now; a started person opens their offboarding. Filtered by plan or state and by text.
 */
export class PlanTable {
  /** @param {(offboardingId: string) => void} openOffboarding */
  constructor(openOffboarding) {
    this.openOffboarding = openOffboarding;
    this.show = document.getElementById('plan-show');
    this.plans = document.getElementById('plan-show-plans');
    this.states = document.getElementById('plan-show-states');
    this.search = document.getElementById('plan-search');
    this.count = document.getElementById('plan-count');
    this.rows = document.getElementById('plan-rows');
    this.members = [];
    this.optionsKey = '';

    document.getElementById('plan-filters').addEventListener('submit', (event) => event.preventDefault());
    this.show.addEventListener('change', () => this.render());
    this.search.addEventListener('input', () => this.render());
  }

  /**
   * Draws the people (the last ones given when none are), fetched at `at`; keeps keyboard focus on the person it was on.
   * @param {object[]} [members]  @param {Date} [at]
   */
  render(members, at) {
    this.members = members ?? this.members;
    this.at = at ?? this.at;
    this.#renderOptions();
    const shown = this.members.filter(this.#matcher());
    const focused = document.activeElement?.closest?.('#plan-rows') ? document.activeElement.dataset.offboarding : undefined;
    this.rows.replaceChildren(...shown.slice(0, maxRows).map((member) => this.#row(member)));
    const problems = this.members.filter((m) => m.plan !== 'ready').length;
    this.count.textContent = `${shown.length === this.members.length ? `All ${shown.length}` : `${shown.length} of ${this.members.length}`} people shown` +
      `${shown.length > maxRows ? ` (the first ${maxRows}: narrow the filter to see the rest)` : ''}; ${problems} with a problem in the plan.` +
      `${this.at ? ` Where they are now as of ${this.at.toLocaleTimeString()}.` : ''}`;
    if (focused) {
      this.rows.querySelector(`button[data-offboarding="${CSS.escape(focused)}"]`)?.focus();
    }
  }

  /** Forgets the people and the filter (another layoff, or sign-out). */
  clear() {
    this.members = [];
    this.at = undefined;
    this.optionsKey = '';
    this.show.value = '';
    this.search.value = '';
    this.plans.replaceChildren();
    this.states.replaceChildren();
    this.rows.replaceChildren();
    this.count.textContent = '';
  }

  /** The choices follow what the people have; rebuilt only when that changes, so an open list is not redrawn under the operator. */
  #renderOptions() {
    const plans = [...new Set(this.members.map((m) => m.plan))].sort();
    const states = [...new Set(this.members.map((m) => m.state))].sort();
    const key = `${plans.join(',')}|${states.join(',')}`;
    if (key === this.optionsKey) {
      return;
    }
    this.optionsKey = key;
    const selected = this.show.value;
    this.plans.replaceChildren(...plans.map((plan) => el('option', { value: `plan:${plan}` }, label(plan))));
    this.states.replaceChildren(...states.map((state) => el('option', { value: `state:${state}` }, label(state))));
    this.show.value = [...this.show.options].some((o) => o.value === selected) ? selected : '';
  }

  #matcher() {
    const [kind, value] = this.show.value.split(':');
    const text = this.search.value.trim().toLowerCase();
    return (member) => {
      if ((kind === 'problems' && member.plan === 'ready') || (kind === 'plan' && member.plan !== value) || (kind === 'state' && member.state !== value)) {
        return false;
      }
      return !text || [member.name, member.workEmail, member.hrisId, member.leaverZohoId]
        .some((field) => field && field.toLowerCase().includes(text));
    };
  }

  #row(member) {
    const name = member.name || member.workEmail || member.hrisId || `Line ${member.line}`;
    let who = el('span', {}, name);
    if (member.statusUrl) {
      // Named by who it is about; the table's caption says a started person's button opens their offboarding.
      who = el('button', { type: 'button', className: 'link', dataset: { offboarding: member.offboardingId } }, name);
      who.addEventListener('click', () => this.openOffboarding(member.offboardingId));
    }
    const sub = [member.workEmail !== name ? member.workEmail : null, member.hrisId !== name ? member.hrisId : null].filter(Boolean).join(' · ');
    const target = member.targetEmail || member.targetZohoId;
    return el('tr', { dataset: { line: member.line, plan: member.plan, state: member.state } },
      cell('Line', 'mono', String(member.line)),
      cell('Who', '', who, sub ? el('span', { className: 'sub' }, sub) : null),
      cell('Plan', '', el('span', { className: `badge plan-${member.plan}` }, label(member.plan)),
        member.planDetail ? el('span', { className: 'sub' }, member.planDetail) : null),
      cell('Transfer to', '', target,
        member.targetRule ? el('span', { className: 'sub' }, `${label(member.targetRule)}${member.targetReason ? `: ${member.targetReason}` : ''}`) : null),
      cell('Now', '', stateBadge(member.state)));
  }
}
