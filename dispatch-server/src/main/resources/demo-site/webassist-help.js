// WebAssist help button: turns every element with data-webassist-customer into a "Get help" link
// that launches the assist client for this very page (the page URL and the customer id travel in
// the launch file, so the user never types them). A site that knows the user's name or phone puts it in
// data-webassist-name / data-webassist-phone and the user is not asked for it either.
(function () {
  function wire(el) {
    var customer = el.getAttribute('data-webassist-customer');
    var query = 'customer=' + encodeURIComponent(customer) + '&url=' + encodeURIComponent(location.href);
    var sig = el.getAttribute('data-webassist-signature');
    if (sig) { query += '&sig=' + encodeURIComponent(sig); }
    ['name', 'phone'].forEach(function (field) {
      var value = el.getAttribute('data-webassist-' + field);
      if (value) { query += '&' + field + '=' + encodeURIComponent(value); }
    });
    el.setAttribute('href', '/assist.jnlp?' + query);
  }
  document.querySelectorAll('[data-webassist-customer]').forEach(wire);
})();
