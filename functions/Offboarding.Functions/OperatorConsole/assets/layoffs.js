import { cell, el, instant, label, showProblem, time } from './format.js';
import { BatchPanel } from './layoffs-batch.js';

// While the open layoff starts people its progress is fetched this often (the rest of the page: every 10 s).
const followSeconds = 2;

/**
 * The Layoffs page: upload a layoff's list as CSV (a refused upload shows every bad row by line and column), the
 * layoffs so far, and the open one (see BatchPanel).
 */
export class LayoffsPage {
  /**
   * @param {import('./api.js').OperatorApi} api
   * @param {import('./confirm.js').ConfirmDialog} confirm
   * @param {(offboardingId: string) => void} openOffboarding
   * @param {(message: string) => Promise<void>} acted
   */
  constructor(api, confirm, openOffboarding, acted) {
    this.api = api;
    this.acted = acted;
    this.shown = false;
    this.form = document.getElementById('upload-form');
    this.name = document.getElementById('upload-name');
    this.reason = document.getElementById('upload-reason');
    this.start = document.getElementById('upload-start');
    this.file = document.getElementById('upload-file');
    this.submit = document.getElementById('upload-submit');
    this.uploadProblem = document.getElementById('upload-problem');
    this.errors = document.getElementById('upload-errors');
    this.errorRows = document.getElementById('upload-error-rows');
    this.errorsTotal = document.getElementById('upload-errors-total');
    this.rows = document.getElementById('batch-rows');
    this.empty = document.getElementById('batches-empty');
    this.problem = document.getElementById('batches-problem');
    this.batch = new BatchPanel(api, confirm, openOffboarding, acted);

    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.#upload();
    });
    setInterval(() => {
      if (this.shown && this.batch.running && !document.hidden) {
        this.batch.refresh().then(() => this.#updateRow(this.batch.view), (error) => showProblem(this.batch.problem, error));
      }
    }, followSeconds * 1000);
  }

  /** Fetches the layoffs and the open one again. */
  async refresh() {
    const [list] = await Promise.all([this.api.batches(), this.batch.refresh()]);
    this.#renderList(list.items ?? []);
    showProblem(this.problem, null);
  }

  showProblem(error) {
    showProblem(this.problem, error);
  }

  /** Forgets everything shown (sign-out). */
  clear() {
    this.batch.close();
    this.rows.replaceChildren();
    this.form.reset();
    this.#showRefusal(null);
  }

  async #upload() {
    this.#showRefusal(null);
    const name = this.name.value.trim();
    const reason = this.reason.value.trim();
    const file = this.file.files?.[0];
    const missing = [[name, this.name, 'Give the layoff a name.'], [reason, this.reason, 'Give a reason: it goes into the audit trail and the report.'],
      [file, this.file, 'Choose the CSV file.']].find(([value]) => !value);
    if (missing) {
      showProblem(this.uploadProblem, new Error(missing[2]));
      missing[1].focus();
      return;
    }

    this.submit.disabled = true;
    try {
      const batch = await this.api.submitBatch(file, { name, reason, startAt: instant(this.start.value) });
      this.form.reset();
      await this.batch.open(batch.id, batch);
      await this.acted(`Planned the layoff “${batch.name}”: ${batch.people} people, ${batch.plan?.ready ?? 0} ready. It waits for approval.`);
    } catch (error) {
      this.#showRefusal(error);
      this.file.focus();
    } finally {
      this.submit.disabled = false;
    }
  }

  /** A refused upload: the problem's text, and its rows by line and column (the API lists the first 100 with the total). */
  #showRefusal(error) {
    showProblem(this.uploadProblem, error);
    const listed = Array.isArray(error?.problem?.errors) ? error.problem.errors : [];
    this.errors.hidden = listed.length === 0;
    const total = error?.problem?.total ?? listed.length;
    this.errorsTotal.textContent = listed.length ? `(${total > listed.length ? `the first ${listed.length} of ${total}` : total})` : '';
    this.errorRows.replaceChildren(...listed.map((problem) => el('tr', { dataset: { line: problem.line ?? '' } },
      cell('Line', 'mono', problem.line === null || problem.line === undefined ? 'the batch' : String(problem.line)),
      cell('Column', 'mono', problem.column),
      cell('Problem', '', problem.detail))));
  }

  #renderList(items) {
    const focused = document.activeElement?.closest?.('#batch-rows') ? document.activeElement.dataset.id : undefined;
    this.rows.replaceChildren(...items.map((batch) => {
      const open = el('button', { type: 'button', className: 'link', dataset: { id: batch.id } }, batch.name);
      open.addEventListener('click', () => void this.batch.open(batch.id));
      return el('tr', { dataset: { id: batch.id, state: batch.state } },
        cell('Name', '', open, el('span', { className: 'sub' }, batch.reason)),
        ...progressCells(batch),
        cell('Created', '', time(batch.createdAt)));
    }));
    this.empty.hidden = items.length > 0;
    if (focused) {
      this.rows.querySelector(`button[data-id="${CSS.escape(focused)}"]`)?.focus();
    }
  }

  /** The followed layoff's row keeps pace with its panel between the list's own refreshes. */
  #updateRow(batch) {
    const row = batch && this.rows.querySelector(`tr[data-id="${CSS.escape(batch.id)}"]`);
    if (row) {
      row.dataset.state = batch.state;
      progressCells(batch).forEach((fresh, i) => row.cells[i + 1].replaceWith(fresh));
    }
  }
}

/** A layoff's State, People and Done cells in the list. */
function progressCells(batch) {
  return [
    cell('State', '', el('span', { className: `badge batch-${batch.state}` }, label(batch.state))),
    cell('People', '', String(batch.people)),
    cell('Done', '', `${batch.progress.done} of ${batch.progress.total}`),
  ];
}
