// Renders the burden dashboard charts from the JSON the page embeds (no data building here).
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("burden-data").textContent);
  var labels = JSON.parse(document.getElementById("burden-labels").textContent);
  if (typeof echarts === "undefined") { return; }
  var charts = [];
  function chart(id, option) {
    var el = document.getElementById(id);
    if (!el) { return; }
    var c = echarts.init(el, null, { renderer: "svg" });
    c.setOption(option);
    charts.push(c);
  }
  var grid = { left: 8, right: 16, top: 48, bottom: 8, containLabel: true };
  chart("chart-months", {
    tooltip: { trigger: "axis" },
    legend: { top: 0, left: "center", data: [labels.imposed, labels.saved, labels.outside] },
    grid: grid,
    xAxis: { type: "category", data: data.months },
    yAxis: { type: "value", name: labels.hours },
    series: [
      { name: labels.imposed, type: "bar", data: data.imposed_by_month, itemStyle: { color: "#c0392b" } },
      { name: labels.saved, type: "bar", data: data.saved_by_month, itemStyle: { color: "#1e7d32" } },
      { name: labels.outside, type: "line", data: data.outside_by_month, itemStyle: { color: "#b7791f" } }
    ]
  });
  var depts = data.top_departments.slice().reverse();
  chart("chart-departments", {
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    grid: grid,
    xAxis: { type: "value", name: labels.hours },
    yAxis: { type: "category", data: depts.map(function (d) { return d.name; }) },
    series: [{ name: labels.imposed, type: "bar", data: depts.map(function (d) { return d.imposed_hours; }),
               itemStyle: { color: "#c0392b" } }]
  });
  chart("chart-streets", {
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    legend: { top: 0, left: "center", data: [labels.imposed, labels.saved] },
    grid: grid,
    xAxis: { type: "category", data: data.by_street.map(function (s) { return s.name; }) },
    yAxis: { type: "value", name: labels.hours },
    series: [
      { name: labels.imposed, type: "bar", data: data.by_street.map(function (s) { return s.imposed_hours; }), itemStyle: { color: "#c0392b" } },
      { name: labels.saved, type: "bar", data: data.by_street.map(function (s) { return s.saved_hours; }), itemStyle: { color: "#1e7d32" } }
    ]
  });
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
