/**
 * Shows any uncaught error on the page and sets <body data-status="error">. A classic script,
 * so it runs before the module scripts: it also catches a failure while the bundle itself is
 * evaluated, such as the EvalError that a Content-Security-Policy without 'unsafe-eval' causes
 * (ndarray builds its classes with `new Function`; see docs/browser.md).
 */
function reportError(error) {
  const text = String(error && error.stack ? error.stack : error);
  document.getElementById('status').textContent = /EvalError/.test(text)
    ? "failed: this page's Content-Security-Policy lacks 'unsafe-eval', which layerwise needs"
    : 'failed';
  document.getElementById('error').textContent = text;
  document.body.dataset.status = 'error';
}
window.addEventListener('error', (event) => reportError(event.error ?? event.message));
window.addEventListener('unhandledrejection', (event) => reportError(event.reason));
