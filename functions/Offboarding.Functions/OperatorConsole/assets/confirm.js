import { showProblem } from './format.js';

/**
 * Every action asks first, in a modal <dialog> (focus stays inside it, Escape goes back). The dialog stays open while
 * the action runs, so a refusal shows its problem text right where the operator confirmed.
 */
export class ConfirmDialog {
  constructor(root) {
    this.root = root;
    this.form = root.querySelector('#confirm-form');
    this.title = root.querySelector('#confirm-title');
    this.text = root.querySelector('#confirm-text');
    this.reasonField = root.querySelector('#confirm-reason-field');
    this.reason = root.querySelector('#confirm-reason');
    this.reasonHint = root.querySelector('#confirm-reason-hint');
    this.transferField = root.querySelector('#confirm-transfer-field');
    this.transfer = root.querySelector('#confirm-transfer');
    this.forceField = root.querySelector('#confirm-force-field');
    this.force = root.querySelector('#confirm-force');
    this.problem = root.querySelector('#confirm-problem');
    this.yes = root.querySelector('#confirm-yes');
    this.back = root.querySelector('#confirm-back');
    this.pending = null;

    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.#confirm();
    });
    this.back.addEventListener('click', () => this.root.close());
    this.root.addEventListener('close', () => {
      this.pending?.resolve(false);
      this.pending = null;
    });
  }

  /**
   * Asks, then runs the action with what was entered; resolves true when it succeeded, false when the operator went
   * back. A refused action keeps the dialog open with the API's problem text.
   * @param {{title: string, text: string, confirmLabel: string, reason?: 'required'|'optional', transfer?: boolean,
   *          force?: boolean, danger?: boolean, run: (input: {reason: string, force: boolean, transferTo: string}) => Promise<unknown>}} request
   */
  ask(request) {
    this.pending?.resolve(false);
    this.request = request;
    this.title.textContent = request.title;
    this.text.textContent = request.text;
    this.yes.textContent = request.confirmLabel;
    this.yes.className = request.danger ? 'danger' : 'primary';
    this.reasonField.hidden = !request.reason;
    this.reason.required = request.reason === 'required';
    this.reasonHint.textContent = request.reason === 'required' ? '(required)' : '(optional)';
    this.reason.value = '';
    this.transferField.hidden = !request.transfer;
    this.transfer.value = '';
    this.forceField.hidden = !request.force;
    this.force.checked = false;
    showProblem(this.problem, null);
    this.yes.disabled = false;

    return new Promise((resolve) => {
      this.pending = { resolve };
      this.root.showModal();
      (request.reason ? this.reason : this.yes).focus();
    });
  }

  async #confirm() {
    const request = this.request;
    const reason = this.reason.value.trim();
    if (request.reason === 'required' && !reason) {
      showProblem(this.problem, new Error('Give a reason: it goes into the audit trail.'));
      this.reason.focus();
      return;
    }

    this.yes.disabled = true;
    try {
      await request.run({ reason, force: this.force.checked, transferTo: this.transfer.value.trim() });
      const pending = this.pending;
      this.pending = null;
      this.root.close();
      pending?.resolve(true);
    } catch (error) {
      showProblem(this.problem, error);
      this.yes.disabled = false;
      this.yes.focus();
    }
  }
}
