// The operator API (see the OpenAPI document at /api/openapi.json), called from the page's own origin.

/** A refusal or failure of the API, carrying its RFC 9457 problem body when it sent one. */
export class ApiProblem extends Error {
  constructor(status, problem, fallbackText) {
    super(ApiProblem.describe(status, problem, fallbackText));
    this.status = status;
    this.problem = problem;
  }

  static describe(status, problem, fallbackText) {
    if (problem && typeof problem === 'object' && (problem.title || problem.detail)) {
      const head = [problem.title, problem.detail].filter(Boolean).join(': ');
      const errors = Array.isArray(problem.errors)
        ? problem.errors.map((e) => `${e.pointer ?? e.field ?? ''} ${e.message ?? ''}`.trim()).filter(Boolean)
        : [];
      return errors.length ? `${head} (${errors.join('; ')})` : head;
    }
    return fallbackText ? `HTTP ${status}: ${fallbackText.slice(0, 300)}` : `HTTP ${status}`;
  }
}

export class OperatorApi {
  /**
   * @param {URL} base the API's base (…/api/), derived from where the page's scripts are served so a different
   *   route prefix keeps working.
   * @param {import('./session.js').OperatorSession} session
   */
  constructor(base, session) {
    this.base = base;
    this.session = session;
  }

  counts() {
    return this.#call('GET', 'offboardings/counts');
  }

  /** @param {{state?: string, email?: string, hrisId?: string, from?: string, to?: string, pageSize?: number, continuationToken?: string|null}} query */
  list(query) {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') {
        params.set(name, String(value));
      }
    }
    const search = params.toString();
    return this.#call('GET', search ? `offboardings?${search}` : 'offboardings');
  }

  get(id) {
    return this.#call('GET', `offboardings/${encodeURIComponent(id)}`);
  }

  cancel(id, reason) {
    return this.#call('POST', `offboardings/${encodeURIComponent(id)}/cancel`, { reason });
  }

  /** @param {{reason?: string, force?: boolean, transferTo?: {email: string}}} options */
  retry(id, options) {
    return this.#call('POST', `offboardings/${encodeURIComponent(id)}/retry`, options);
  }

  zohoUsage() {
    return this.#call('GET', 'zoho/usage');
  }

  holds() {
    return this.#call('GET', 'holds');
  }

  /** @param {string[]|undefined} ids absent: every held offboarding */
  approve(ids) {
    return this.#call('POST', 'holds/approve', ids ? { ids } : {});
  }

  reject(ids, reason) {
    return this.#call('POST', 'holds/reject', ids ? { ids, reason } : { reason });
  }

  batches() {
    return this.#call('GET', 'batches');
  }

  /** A layoff with every person, or with `{ progress: true }` without them (to follow a running one cheaply). */
  batch(id, { progress = false } = {}) {
    return this.#call('GET', `batches/${encodeURIComponent(id)}${progress ? '?view=progress' : ''}`);
  }

  /**
   * Uploads the HRIS export as it is (the API checks it is UTF-8); the batch's fields travel in the query.
   * @param {Blob} file  @param {{name: string, reason: string, startAt?: string}} fields
   */
  submitBatch(file, fields) {
    const params = new URLSearchParams({ name: fields.name, reason: fields.reason });
    if (fields.startAt) {
      params.set('startAt', fields.startAt);
    }
    return this.#call('POST', `batches?${params}`, file, { contentType: 'text/csv' });
  }

  /** @param {'approve'|'reject'|'pause'|'resume'|'cancel'} action  @param {string|undefined} reason */
  batchAction(id, action, reason) {
    return this.#call('POST', `batches/${encodeURIComponent(id)}/${action}`, reason ? { reason } : {});
  }

  batchReport(id) {
    return this.#call('GET', `batches/${encodeURIComponent(id)}/report`);
  }

  /** The report as the CSV file legal and audit get: its text. */
  batchReportCsv(id) {
    return this.#call('GET', `batches/${encodeURIComponent(id)}/report?format=csv`, undefined, { accept: 'text/csv', text: true });
  }

  /**
   * @param {unknown} body JSON-encoded unless a content type is given (then sent as it is)
   * @param {{contentType?: string, accept?: string, text?: boolean}} options text: answer the body's text, not its JSON
   */
  async #call(method, path, body, options = {}) {
    const headers = { Accept: options.accept ? `${options.accept}, application/problem+json` : 'application/json, application/problem+json' };
    const key = this.session.key;
    if (key) {
      headers.Authorization = `Bearer ${key}`;
    }
    const name = this.session.name;
    if (name) {
      headers['X-Operator-Name'] = name;
    }
    if (body !== undefined) {
      headers['Content-Type'] = options.contentType ?? 'application/json';
    }

    const response = await fetch(new URL(path, this.base), {
      method,
      headers,
      body: body === undefined || options.contentType ? body : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
    const text = await response.text();
    if (response.ok && options.text) {
      return text;
    }
    const json = parseJson(text);
    if (!response.ok) {
      throw new ApiProblem(response.status, json, json ? undefined : text);
    }
    return json;
  }
}

function parseJson(text) {
  if (!text) {
    return null;
  }
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
