/**
 * The report page's only script: it filters the server-rendered findings table with the select
 * boxes and the path box. It reads the data island `#finding-data`, shows or hides each finding's
 * `<tbody>` by id, and writes only with `textContent` and `hidden`, never with `innerHTML`.
 * The page's Content-Security-Policy allows this exact text by its SHA-256 hash, so any change
 * here changes the hash and nothing else needs editing.
 */
export const FILTER_SCRIPT = `(function () {
  'use strict';
  var form = document.getElementById('filters');
  var island = document.getElementById('finding-data');
  if (!form || !island) return;
  var findings = JSON.parse(island.textContent || '[]');
  var rule = form.elements.namedItem('rule');
  var provider = form.elements.namedItem('provider');
  var tier = form.elements.namedItem('tier');
  var path = form.elements.namedItem('path');
  var status = document.getElementById('filter-status');
  var empty = document.getElementById('no-match');

  function apply() {
    var text = path.value.trim().toLowerCase();
    var shown = 0;
    findings.forEach(function (finding) {
      var body = document.getElementById(finding.id);
      if (!body) return;
      var visible = (rule.value === '' || finding.rule === rule.value) &&
        (provider.value === '' || finding.provider === provider.value) &&
        (tier.value === '' || finding.tier === tier.value) &&
        (text === '' || finding.path.toLowerCase().indexOf(text) !== -1);
      body.hidden = !visible;
      if (visible) shown += 1;
    });
    status.textContent = 'Showing ' + shown + ' of ' + findings.length + ' findings';
    if (empty) empty.hidden = shown !== 0;
  }

  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.addEventListener('submit', function (event) { event.preventDefault(); });
  form.addEventListener('reset', function () { window.setTimeout(apply, 0); });
  form.hidden = false;
  apply();
})();
`;
