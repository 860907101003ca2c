import { OperatorApi } from './api.js';
import { ConfirmDialog } from './confirm.js';
import { CreditsPanel } from './credits.js';
import { DetailView } from './detail.js';
import { showProblem } from './format.js';
import { HoldBanner } from './holds.js';
import { LayoffsPage } from './layoffs.js';
import { ListView } from './list.js';
import { OperatorSession } from './session.js';

// How often the open page fetches the counts, the list, the hold and the open offboarding again.
const refreshSeconds = 10;

// The scripts are served at …/api/console/<file>, so the API is one level up, whatever the route prefix.
const session = new OperatorSession();
const api = new OperatorApi(new URL('../', import.meta.url), session);
const confirm = new ConfirmDialog(document.getElementById('confirm'));

const starting = document.getElementById('starting');
const signInSection = document.getElementById('sign-in');
const signInForm = document.getElementById('sign-in-form');
const signInProblem = document.getElementById('sign-in-problem');
const keyInput = document.getElementById('operator-key');
const nameInput = document.getElementById('operator-name');
const fatal = document.getElementById('fatal');
const workspace = document.getElementById('workspace');
const who = document.getElementById('who');
const signOutButton = document.getElementById('sign-out');
const notice = document.getElementById('notice');
const autoRefresh = document.getElementById('auto-refresh');
const refreshed = document.getElementById('refreshed');
const offboardingsView = document.getElementById('offboardings-view');
const layoffsView = document.getElementById('layoffs-view');
const viewButtons = { offboardings: document.getElementById('view-offboardings'), layoffs: document.getElementById('view-layoffs') };

const acted = async (message) => {
  notice.textContent = message;
  await refreshAll();
};
const detail = new DetailView(api, confirm, acted);
const list = new ListView(api, (id) => void detail.open(id));
const holds = new HoldBanner(api, confirm, acted);
const credits = new CreditsPanel(api);
// A layoff's person opens their offboarding on the Offboardings page, in the details beside the list.
const layoffs = new LayoffsPage(api, confirm, (id) => {
  showView('offboardings');
  void detail.open(id);
}, acted);

let signedIn = false;
let refreshing = null;

document.getElementById('refresh-seconds').textContent = String(refreshSeconds);
document.getElementById('refresh-now').addEventListener('click', () => void refreshAll());
signOutButton.addEventListener('click', () => signOut(''));
for (const [name, button] of Object.entries(viewButtons)) {
  button.addEventListener('click', () => {
    showView(name);
    void refreshAll();
  });
}
signInForm.addEventListener('submit', (event) => {
  event.preventDefault();
  void signIn();
});
setInterval(() => {
  if (signedIn && autoRefresh.checked && !document.hidden) {
    void refreshAll();
  }
}, refreshSeconds * 1000);

void start();

/** The counts carry no personal data, so they are the probe: 401 means sign in with the key, 200 means Easy Auth (or a kept key) let us in. */
async function start() {
  try {
    await api.counts();
    enterWorkspace();
  } catch (error) {
    starting.hidden = true;
    if (error.status === 401) {
      const hadKey = Boolean(session.key);
      session.signOut();
      showSignIn(hadKey ? 'The operator key kept for this tab is no longer accepted. Enter it again.' : '');
    } else {
      showFatal(error);
    }
  }
}

async function signIn() {
  const key = keyInput.value.trim();
  if (!key) {
    showProblem(signInProblem, new Error('Enter the operator key.'));
    keyInput.focus();
    return;
  }
  if (!nameInput.checkValidity()) {
    showProblem(signInProblem, new Error('Your name can hold only letters, digits and punctuation without accents.'));
    nameInput.focus();
    return;
  }

  session.signIn(key, nameInput.value.trim());
  try {
    await api.counts();
    keyInput.value = '';
    enterWorkspace();
  } catch (error) {
    session.signOut();
    showProblem(signInProblem, error.status === 401 ? new Error('That operator key was refused.') : error);
    keyInput.focus();
  }
}

function enterWorkspace() {
  signedIn = true;
  starting.hidden = true;
  signInSection.hidden = true;
  showProblem(signInProblem, null);
  showProblem(fatal, null);
  workspace.hidden = false;
  who.hidden = false;
  who.textContent = session.key
    ? `Signed in with the operator key${session.name ? ` as ${session.name}` : ''}`
    : 'Signed in';
  // Behind Easy Auth the platform owns the sign-in (/.auth/logout); only a key kept by this page can be dropped here.
  signOutButton.hidden = !session.key;
  void refreshAll();
}

/** Forgets the key and everything shown, so no personal data stays on screen. */
function signOut(message) {
  signedIn = false;
  session.signOut();
  detail.close();
  list.clear();
  layoffs.clear();
  showView('offboardings');
  holds.clear();
  credits.clear();
  notice.textContent = '';
  refreshed.textContent = '';
  workspace.hidden = true;
  who.hidden = true;
  signOutButton.hidden = true;
  showSignIn(message);
}

function showSignIn(message) {
  signInSection.hidden = false;
  showProblem(signInProblem, message ? new Error(message) : null);
  keyInput.focus();
}

function showFatal(error) {
  showProblem(fatal, new Error(`The operator API did not answer as expected. ${error.message}`));
}

/** One refresh at a time: a slow API must not pile up overlapping requests from the timer. */
function refreshAll() {
  refreshing ??= (async () => {
    try {
      await Promise.all([list.refresh(), holds.refresh(), detail.refresh(), credits.refresh(), layoffs.shown ? layoffs.refresh() : null]);
      refreshed.textContent = `Updated ${new Date().toLocaleTimeString()}`;
    } catch (error) {
      if (error.status === 401) {
        signOut('The API no longer accepts your sign-in. Enter the operator key again.');
      } else {
        (layoffs.shown ? layoffs : list).showProblem(error);
      }
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** The two pages of the console: the offboardings (counts, list, details) and the layoffs; the hold and credits show on both. */
function showView(name) {
  offboardingsView.hidden = name !== 'offboardings';
  layoffsView.hidden = name !== 'layoffs';
  layoffs.shown = name === 'layoffs';
  for (const [view, button] of Object.entries(viewButtons)) {
    if (view === name) {
      button.setAttribute('aria-current', 'page');
    } else {
      button.removeAttribute('aria-current');
    }
  }
}
