// WebAssist help button: turns every element with data-webassist-customer into a "Get help" link
// that launches the assist client for this very page (the page URL and the customer id travel in
// the launch file, so the user never types them).
(function () {
  function wire(el) {
    var customer = el.getAttribute('data-webassist-customer');
    var query = 'customer=' + encodeURIComponent(customer) + '&url=' + encodeURIComponent(location.href);
    var sig = el.getAttribute('data-webassist-signature');
    if (sig) { query += '&sig=' + encodeURIComponent(sig); }
    el.setAttribute('href', '/assist.jnlp?' + query);
  }
  document.querySelectorAll('[data-webassist-customer]').forEach(wire);
})();
