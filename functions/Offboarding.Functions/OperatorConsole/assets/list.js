import { cell, el, instant, label, showProblem, stateBadge, states, time, who } from './format.js';

/**
 * Counts per state, the filters, and one page of the list. Paging follows the API's continuation tokens: the tokens of
 * the pages seen so far are kept, so "Previous" goes back without the API having to page backwards.
 */
export class ListView {
  /** @param {import('./api.js').OperatorApi} api  @param {(id: string) => void} open */
  constructor(api, open) {
    this.api = api;
    this.open = open;
    this.filters = document.getElementById('filters');
    this.state = document.getElementById('filter-state');
    this.search = document.getElementById('filter-search');
    this.from = document.getElementById('filter-from');
    this.to = document.getElementById('filter-to');
    this.pageSize = document.getElementById('filter-page-size');
    this.rows = document.getElementById('list-rows');
    this.empty = document.getElementById('list-empty');
    this.problem = document.getElementById('list-problem');
    this.counts = document.getElementById('counts');
    this.total = document.getElementById('counts-total');
    this.first = document.getElementById('page-first');
    this.previous = document.getElementById('page-previous');
    this.next = document.getElementById('page-next');
    this.pageLabel = document.getElementById('page-label');

    for (const state of states) {
      this.state.append(el('option', { value: state }, label(state)));
    }
    this.#resetPaging();
    this.query = this.#readFilters();

    this.filters.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.apply();
    });
    this.pageSize.addEventListener('change', () => void this.apply());
    document.getElementById('filters-clear').addEventListener('click', () => {
      this.filters.reset();
      void this.apply();
    });
    this.first.addEventListener('click', () => {
      this.#resetPaging();
      void this.refresh();
    });
    this.previous.addEventListener('click', () => {
      this.tokens.pop();
      void this.refresh();
    });
    this.next.addEventListener('click', () => {
      if (this.nextToken) {
        this.tokens.push(this.nextToken);
        void this.refresh();
      }
    });
  }

  /** Reads the filters and shows their first page. */
  async apply() {
    this.query = this.#readFilters();
    this.#resetPaging();
    await this.refresh();
  }

  /** Filters by one state (the counts' buttons). */
  async showState(state) {
    this.state.value = state;
    await this.apply();
  }

  /** Fetches the counts and the current page again; keeps keyboard focus on the row it was on. */
  async refresh() {
    const [counts, page] = await Promise.all([this.api.counts(), this.api.list({ ...this.query, continuationToken: this.currentToken })]);
    this.#renderCounts(counts);
    this.#renderPage(page);
    showProblem(this.problem, null);
  }

  /** Forgets everything shown (sign-out: no personal data stays in the page). */
  clear() {
    this.rows.replaceChildren();
    this.counts.replaceChildren();
    this.total.textContent = '';
    this.filters.reset();
    this.query = this.#readFilters();
    this.#resetPaging();
  }

  showProblem(error) {
    showProblem(this.problem, error);
  }

  get currentToken() {
    return this.tokens[this.tokens.length - 1];
  }

  #resetPaging() {
    this.tokens = [null];
    this.nextToken = null;
  }

  #readFilters() {
    const search = this.search.value.trim();
    return {
      state: this.state.value || undefined,
      // An email has an @; anything else is taken as the HRIS's employee id.
      email: search.includes('@') ? search : undefined,
      hrisId: search && !search.includes('@') ? search : undefined,
      from: instant(this.from.value),
      to: instant(this.to.value),
      pageSize: Number(this.pageSize.value),
    };
  }

  #renderCounts(counts) {
    this.total.textContent = `(${counts.total} in all)`;
    const current = this.query.state;
    this.counts.replaceChildren(...states.map((state) => {
      const button = el('button', { type: 'button', className: `count state-${state}`, 'aria-pressed': String(current === state), dataset: { state } },
        el('span', { className: 'count-label' }, label(state)),
        el('span', { className: 'count-value' }, String(counts.counts?.[state] ?? 0)));
      button.addEventListener('click', () => void this.showState(current === state ? '' : state));
      return el('li', {}, button);
    }));
  }

  #renderPage(page) {
    const focusedId = document.activeElement?.closest?.('#list-rows')
      ? document.activeElement.dataset.id
      : undefined;
    this.nextToken = page.continuationToken ?? null;
    this.rows.replaceChildren(...page.items.map((item) => this.#row(item)));
    this.empty.hidden = page.items.length > 0;
    this.first.disabled = this.tokens.length <= 1;
    this.previous.disabled = this.tokens.length <= 1;
    this.next.disabled = !this.nextToken;
    this.pageLabel.textContent = `Page ${this.tokens.length}`;
    if (focusedId) {
      this.rows.querySelector(`button[data-id="${CSS.escape(focusedId)}"]`)?.focus();
    }
  }

  #row(item) {
    // Named by who it is about; the table's caption says a row's button opens its details.
    const open = el('button', { type: 'button', className: 'link', dataset: { id: item.id } }, who(item));
    open.addEventListener('click', () => this.open(item.id));
    const email = item.employee?.workEmail && item.employee.workEmail !== who(item) ? el('span', { className: 'sub' }, item.employee.workEmail) : null;
    return el('tr', { dataset: { id: item.id, state: item.state } },
      cell('Who', '', open, email),
      cell('State', '', stateBadge(item.state), item.dryRun ? el('span', { className: 'sub' }, 'dry run') : null),
      cell('Created', '', time(item.createdAt)),
      cell('HRIS id', '', item.employee?.hrisId),
      cell('Operation', '', label(item.operation)),
      cell('Zoho job', 'mono', item.zohoJobId),
      cell('Failure', 'mono', item.failureCode));
  }
}
