// The editable field table of the resource form: add a row from the template row, remove a row, renumber names.
document.addEventListener('click', function (e) {
  var add = e.target.closest('[data-add-field]');
  if (add) {
    var body = document.getElementById('field-rows');
    var row = document.getElementById('field-template').content.firstElementChild.cloneNode(true);
    body.appendChild(row);
    renumber(body);
    row.querySelector('input').focus();
  }
  var remove = e.target.closest('[data-remove-field]');
  if (remove) {
    var body2 = document.getElementById('field-rows');
    remove.closest('tr').remove();
    renumber(body2);
  }
});
function renumber(body) {
  Array.prototype.forEach.call(body.querySelectorAll('tr'), function (tr, i) {
    tr.querySelectorAll('[data-name]').forEach(function (input) {
      input.name = 'fields[' + i + '].' + input.getAttribute('data-name');
    });
  });
}
// Fields from a sample file (new-resource form): the ingest API proposes them and they replace the table's rows.
document.addEventListener('change', function (e) {
  var input = e.target.closest('[data-infer-fields]');
  if (!input || !input.files.length) return;
  var status = document.getElementById('infer-status');
  var csrf = input.form && input.form.querySelector('input[name="_csrf"]');
  var data = new FormData();
  data.append('file', input.files[0]);
  status.textContent = input.getAttribute('data-working');
  fetch(input.getAttribute('data-infer-fields'), {method: 'POST', body: data, headers: csrf ? {'X-CSRF-TOKEN': csrf.value} : {}})
    .then(function (r) { return r.json().then(function (body) { return {ok: r.ok, body: body}; }); })
    .then(function (r) {
      if (!r.ok) { status.textContent = r.body.detail || r.body.title; return; }
      var body = document.getElementById('field-rows');
      body.innerHTML = '';
      r.body.fields.forEach(function (f) {
        var row = document.getElementById('field-template').content.firstElementChild.cloneNode(true);
        row.querySelector('[data-name="name"]').value = f.name;
        row.querySelector('[data-name="label"]').value = f.label;
        row.querySelector('[data-name="type"]').value = f.type;
        row.querySelector('[data-name="length"]').value = f.length == null ? '' : f.length;
        row.querySelector('[data-name="key"]').checked = f.key;
        body.appendChild(row);
      });
      renumber(body);
      status.textContent = input.getAttribute('data-done').replace('{0}', r.body.fields.length).replace('{1}', r.body.rowsSampled);
    })
    .catch(function () { status.textContent = input.getAttribute('data-failed'); });
});
// Charts on the overview page: each element with data-chart holds its option as JSON.
document.addEventListener('DOMContentLoaded', function () {
  if (!window.echarts) return;
  document.querySelectorAll('[data-chart]').forEach(function (el) {
    var chart = echarts.init(el);
    chart.setOption(JSON.parse(el.getAttribute('data-chart')));
    window.addEventListener('resize', function () { chart.resize(); });
  });
});

// htmx requests that change something (the connection test, …) carry the session's CSRF token like a form does.
document.addEventListener('htmx:configRequest', function (e) {
  var token = document.querySelector('meta[name="csrf-token"]');
  if (token) e.detail.headers['X-CSRF-TOKEN'] = token.getAttribute('content');
});

// The approval form: each masking select shows what its rule makes of the field's example value.
document.addEventListener('change', function (e) {
  var select = e.target.closest('[data-mask-select]');
  if (!select) return;
  var preview = document.getElementById(select.getAttribute('data-mask-select'));
  var option = select.options[select.selectedIndex];
  if (preview && option) preview.textContent = option.getAttribute('data-preview');
  showL4Confirmation();
});

// ...and asks for the L4 confirmation only while an L4 field is to be granted in clear.
function showL4Confirmation() {
  var box = document.getElementById('l4-confirmation');
  if (!box) return;
  var clear = Array.prototype.some.call(document.querySelectorAll('select[data-l4="true"]'), function (s) {
    var granted = document.getElementById('grant-' + s.id.substring('mask-'.length));
    return s.value === 'clear' && (!granted || granted.checked);
  });
  box.style.display = clear ? '' : 'none';
}
document.addEventListener('DOMContentLoaded', showL4Confirmation);
document.addEventListener('change', function (e) {
  if (e.target.name === 'grant') showL4Confirmation();
});

// The open-data preview: the filter row (field, operator, value) becomes one filter=field:op:value parameter.
document.addEventListener('submit', function (e) {
  if (e.target.id !== 'preview-form') return;
  var value = document.getElementById('filter-value');
  var added = document.getElementById('filter-new');
  if (value && value.value.trim() !== '') {
    added.value = document.getElementById('filter-field').value + ':' + document.getElementById('filter-op').value + ':' + value.value.trim();
    added.disabled = false;
  }
});

// The open-data column chart: how many records have each value of the chosen field, from the open API.
function drawDistribution(select) {
  if (!window.echarts || !select.value) return;
  var el = document.getElementById('chart-distribution');
  fetch(select.getAttribute('data-distribution') + '?limit=30&field=' + encodeURIComponent(select.value))
    .then(function (r) { return r.json(); })
    .then(function (body) {
      if (!body.data) { el.textContent = body.detail || body.title; return; }
      var values = body.data.slice();
      // years, dates and numbers read best in their own order; anything else most frequent first, as sent
      if (values.every(function (v) { return /^-?\d/.test(String(v.value)); }))
        values.sort(function (a, b) { return String(a.value).localeCompare(String(b.value), undefined, {numeric: true}); });
      var labels = values.map(function (v) { return v.value === '' ? select.getAttribute('data-empty') : String(v.value); });
      var counts = values.map(function (v) { return v.rows; });
      if (body.meta.otherRows > 0) { labels.push(select.getAttribute('data-others')); counts.push(body.meta.otherRows); }
      var chart = echarts.getInstanceByDom(el) || echarts.init(el);
      chart.setOption({tooltip: {trigger: 'axis'}, grid: {left: 10, right: 20, top: 10, bottom: 10, containLabel: true},
        xAxis: {type: 'category', data: labels, axisLabel: {rotate: labels.length > 8 ? 45 : 0}}, yAxis: {type: 'value'},
        series: [{type: 'bar', data: counts, itemStyle: {color: '#1d4f91'}}]}, true);
      el.setAttribute('data-drawn', select.value);
    });
}
document.addEventListener('DOMContentLoaded', function () {
  var select = document.getElementById('chart-field');
  if (select) drawDistribution(select);
});
document.addEventListener('change', function (e) {
  if (e.target.id === 'chart-field') drawDistribution(e.target);
});

// open data: developer pages — a button with data-copy copies that element's text (a new key's secret)
document.addEventListener('click', function (e) {
  var button = e.target.closest('[data-copy]');
  if (!button) return;
  var text = document.getElementById(button.getAttribute('data-copy')).textContent.trim();
  var done = function () { button.textContent = button.getAttribute('data-copied'); };
  if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done);
  else {
    var range = document.createRange();
    range.selectNodeContents(document.getElementById(button.getAttribute('data-copy')));
    window.getSelection().removeAllRanges();
    window.getSelection().addRange(range);
    if (document.execCommand('copy')) done();
  }
});
