// Progressive enhancement only: every page works without this script.
import { initAll as initGovuk } from '/assets/govuk/govuk-frontend.min.js';
import { initAll as initMoj } from '/assets/moj/moj-frontend.min.js';

initGovuk();
initMoj();

// "You'll be signed out soon": the GOV.UK timeout warning pattern, as a modal dialog. The
// server ends a session after the idle time whether or not this runs.
const warning = document.getElementById('app-timeout-warning');
if (warning && typeof HTMLDialogElement === 'function') {
  const idle = Number(warning.dataset.idleSeconds) * 1000;
  const before = Number(warning.dataset.warningSeconds) * 1000;
  const dialog = warning.querySelector('dialog');
  const count = warning.querySelector('.app-timeout-warning__count');
  let warnTimer;
  let endTimer;
  let tick;
  const schedule = () => {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    clearInterval(tick);
    warnTimer = setTimeout(() => {
      warning.hidden = false;
      const endsAt = Date.now() + before;
      const show = () => {
        const minutes = Math.max(0, Math.ceil((endsAt - Date.now()) / 60000));
        count.textContent = `${minutes} minute${minutes === 1 ? '' : 's'}`;
      };
      show();
      tick = setInterval(show, 15000);
      dialog.showModal();
    }, Math.max(0, idle - before));
    endTimer = setTimeout(signedOut, idle);
  };
  // The server has ended the session by now (or another tab kept it alive: then the sign-in
  // page sends the browser straight back here).
  const signedOut = () => {
    const here = window.location.pathname + window.location.search;
    window.location.assign(`/sign-in?timedOut=1&returnTo=${encodeURIComponent(here)}`);
  };
  const staySignedIn = async () => {
    const body = new URLSearchParams({ _csrf: warning.dataset.csrf });
    let renewed = false;
    try {
      const answer = await fetch('/session/keep-alive', { method: 'POST', body, credentials: 'same-origin', redirect: 'manual' });
      renewed = answer.status === 204;
    } catch {
      renewed = false;
    }
    if (dialog.open) dialog.close();
    warning.hidden = true;
    if (renewed) schedule();
    else signedOut();
  };
  warning.querySelector('.app-timeout-warning__stay').addEventListener('click', staySignedIn);
  // Escape closes a modal dialog: as in the GOV.UK pattern, that means "stay signed in".
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    void staySignedIn();
  });
  schedule();
}
