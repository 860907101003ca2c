// The operator's sign-in for this tab. The key lives in sessionStorage only (gone when the tab closes, never shared
// with other tabs or written to disk by the page); behind Easy Auth there is no key and the platform's cookie is enough.
const keyItem = 'offboarding-console.operator-key';
const nameItem = 'offboarding-console.operator-name';

export class OperatorSession {
  get key() {
    return sessionStorage.getItem(keyItem);
  }

  get name() {
    return sessionStorage.getItem(nameItem);
  }

  signIn(key, name) {
    sessionStorage.setItem(keyItem, key);
    if (name) {
      sessionStorage.setItem(nameItem, name);
    } else {
      sessionStorage.removeItem(nameItem);
    }
  }

  signOut() {
    sessionStorage.removeItem(keyItem);
    sessionStorage.removeItem(nameItem);
  }
}
