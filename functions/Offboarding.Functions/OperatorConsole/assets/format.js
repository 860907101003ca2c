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

/**
 * A table cell labelled for the narrow layout (where each row becomes a card and the label is shown beside the
 * value); its content sits in one wrapper so the card's label column holds only the label. Empty cells stay empty.
 */
export function cell(name, className, ...content) {
  const present = content.filter((c) => c !== null && c !== undefined && c !== '');
  return el('td', { 'data-label': name }, present.length ? el('div', { className: className || undefined }, ...present) : null);
}

/** A datetime-local value (the operator's local time) as an RFC 3339 instant; undefined when empty. */
export function instant(value) {
  if (!value) {
    return undefined;
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** A number of seconds as an operator reads it: 45 s, 3 min 20 s, 2 h 5 min. */
export function seconds(value) {
  const total = Math.max(0, Math.round(Number(value) || 0));
  if (total < 60) {
    return `${total} s`;
  }
  const minutes = Math.floor(total / 60);
  if (minutes < 60) {
    return total % 60 ? `${minutes} min ${total % 60} s` : `${minutes} min`;
  }
  return minutes % 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${Math.floor(minutes / 60)} h`;
}
