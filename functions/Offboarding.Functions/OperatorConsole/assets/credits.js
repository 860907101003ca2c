import { time } from './format.js';

/**
 * The Zoho API credits panel: the app's spend in the window against its budget, and a warning while Zoho's credits are
 * exhausted or transfers wait for credits, with when they should have gone through (GET /api/zoho/usage).
 */
export class CreditsPanel {
  /** @param {import('./api.js').OperatorApi} api */
  constructor(api) {
    this.api = api;
    this.warning = document.getElementById('credits-warning');
    this.summary = document.getElementById('credits-summary');
  }

  async refresh() {
    this.render(await this.api.zohoUsage());
  }

  render(usage) {
    const budget = usage.budget === null
      ? `${usage.spent} spent in the last ${windowText(usage.window)} (no budget of this app's own)`
      : `${usage.spent} of ${usage.budget} spent in the last ${windowText(usage.window)}, ${usage.remaining} left (${usage.reserve} kept for polls of running jobs)`;
    const frees = usage.nextCreditsFreeAt ? ['; the next credits free up ', time(usage.nextCreditsFreeAt)] : [];
    this.summary.replaceChildren(`${budget}; about ${usage.creditsPerOffboarding} per offboarding`, ...frees, '.');

    const waiting = usage.waiting.count;
    const parts = [];
    if (usage.exhausted) {
      parts.push("Zoho says the org's API credits are exhausted since ", time(usage.exhausted.since),
        '; Zoho calls wait, and Zoho is asked again ', time(usage.exhausted.nextProbeAt), '. ');
    }
    if (waiting > 0) {
      parts.push(`${waiting} ${waiting === 1 ? 'transfer waits' : 'transfers wait'} for credits`,
        ...(usage.waiting.oldestSince ? [' (the first since ', time(usage.waiting.oldestSince), ')'] : []),
        ...(usage.waitingThroughBy ? ['; all should have gone through by ', time(usage.waitingThroughBy)] : []), '.');
    }
    this.warning.hidden = parts.length === 0;
    this.warning.replaceChildren(...parts);
  }

  clear() {
    this.warning.hidden = true;
    this.warning.replaceChildren();
    this.summary.replaceChildren();
  }
}

/** An ISO 8601 duration as the window reads best: P1D → 24 h, PT10M → 10 min. */
function windowText(iso) {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(iso ?? '');
  if (!match) {
    return iso;
  }
  const [, d, h, m, s] = match.map((v) => Number(v ?? 0));
  const hours = (d * 24) + h;
  return hours > 0 ? `${hours} h${m ? ` ${m} min` : ''}` : m > 0 ? `${m} min` : `${s} s`;
}
