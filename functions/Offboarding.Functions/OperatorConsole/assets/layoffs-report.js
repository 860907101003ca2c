import { cell, el, label, stateBadge, time } from './format.js';

/**
 * A layoff's report (GET /api/batches/{id}/report): shown in the page, or saved as the CSV file legal and audit get.
 * The download is fetched with the operator's sign-in and handed to the browser as a file, since a plain link would go
 * without the key.
 */
export class ReportView {
  /** @param {import('./api.js').OperatorApi} api */
  constructor(api) {
    this.api = api;
    this.section = document.getElementById('report');
    this.title = document.getElementById('report-title');
    this.summary = document.getElementById('report-summary');
    this.rows = document.getElementById('report-rows');
  }

  async show(id) {
    const report = await this.api.batchReport(id);
    const approval = report.approval ? ['; approved by ', report.approval.by, ' at ', time(report.approval.at)] : ['; not approved'];
    this.summary.replaceChildren(`${report.name}: ${label(report.state)}, submitted by ${report.submittedBy}`, ...approval,
      ...(report.startedAt ? ['; started ', time(report.startedAt)] : []),
      ...(report.finishedAt ? ['; finished ', time(report.finishedAt)] : []),
      `. ${report.people.length} people.`);
    this.rows.replaceChildren(...report.people.map((line) => el('tr', { dataset: { line: line.line, outcome: line.outcome } },
      cell('Line', 'mono', String(line.line)),
      cell('Who', '', line.name || line.workEmail || line.hrisId, line.name && line.workEmail ? el('span', { className: 'sub' }, line.workEmail) : null),
      cell('Outcome', '', stateBadge(line.outcome), el('span', { className: 'sub' }, label(line.plan)),
        line.detail ? el('span', { className: 'sub' }, line.detail) : null, line.failureCode ? el('span', { className: 'sub mono' }, line.failureCode) : null),
      cell('Zoho user', 'mono', line.leaverZohoId),
      cell('Zoho job', 'mono', line.zohoJobId),
      cell('Target', '', line.targetZohoId, line.targetRule ? el('span', { className: 'sub' }, label(line.targetRule)) : null),
      cell('Started', '', line.startedAt ? time(line.startedAt) : null),
      cell('Finished', '', line.finishedAt ? time(line.finishedAt) : null))));
    this.section.hidden = false;
    this.title.focus();
  }

  async download(id) {
    const csv = await this.api.batchReportCsv(id);
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    const link = el('a', { href: url, download: `batch-${id}-report.csv`, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    // The browser has taken the file once the click is handled; the address is freed a little later all the same.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  clear() {
    this.section.hidden = true;
    this.summary.replaceChildren();
    this.rows.replaceChildren();
  }
}
