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
// Charts on the overview page: each element with data-chart holds its option as JSON.
document.addEventListener('DOMContentLoaded', function () {
  if (!window.echarts) return;
  document.querySelectorAll('[data-chart]').forEach(function (el) {
    var chart = echarts.init(el);
    chart.setOption(JSON.parse(el.getAttribute('data-chart')));
    window.addEventListener('resize', function () { chart.resize(); });
  });
});
