// Small helpers to build the page from API data. Everything goes through textContent, never HTML strings, so no
// value from the API can become markup.

/** Every state the API knows, in pipeline order. */
export const states = ['accepted', 'held', 'submitting', 'verifying', 'submitted', 'completed', 'failed', 'planned', 'cancelled'];

/** States after which nothing more happens to an offboarding unless an operator retries it. */
export const endedStates = new Set(['completed', 'failed', 'planned', 'cancelled']);

/** "user_transfer_and_delete" → "User transfer and delete". */
export function label(wireName) {
  if (!wireName) {
    return '';
  }
  const words = String(wireName).replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** A <time> element showing an RFC 3339 instant in the operator's local time. */
export function time(iso) {
  const element = document.createElement('time');
  if (!iso) {
    return element;
  }
  element.dateTime = iso;
  const date = new Date(iso);
  element.textContent = Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
  return element;
}

/** Creates an element with attributes and children (strings become text nodes). */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name === 'className') {
      element.className = value;
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) {
      element.append(child instanceof Node ? child : String(child));
    }
  }
  return element;
}

/** A state as a badge whose colour class follows the state (the text carries the meaning, not the colour). */
export function stateBadge(state) {
  return el('span', { className: `badge state-${state}` }, label(state));
}

/** Who an offboarding is about, as the list and the banner show it. */
export function who(summary) {
  const employee = summary.employee;
  if (employee) {
    return employee.name || employee.workEmail || employee.hrisId || employee.zohoUserId || summary.id;
  }
  return `${label(summary.operation)} ${summary.id}`;
}

/** Shows a problem's text in an alert region (or hides the region when there is none). */
export function showProblem(region, error) {
  if (!error) {
    region.hidden = true;
    region.textContent = '';
    return;
  }
  region.textContent = error.message || String(error);
  region.hidden = false;
}
