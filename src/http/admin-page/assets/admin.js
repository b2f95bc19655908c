// The officers' page works without this file: it only keeps a form from being sent twice
// (a double tap on "Kirim" would send the citizen the same reply twice).
document.addEventListener('submit', function (event) {
  var form = event.target;
  if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== 'post') return;
  if (form.dataset.sent) {
    event.preventDefault();
    return;
  }
  form.dataset.sent = '1';
  form.querySelectorAll('button[type=submit]').forEach(function (button) { button.disabled = true; });
});
