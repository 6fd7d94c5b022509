// Renders the rates chart from the JSON the page embeds.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("rates-data").textContent);
  var labels = JSON.parse(document.getElementById("rates-labels").textContent);
  var el = document.getElementById("chart-rates");
  if (typeof echarts === "undefined" || !el) { return; }
  var metrics = ["response_rate", "solve_rate", "satisfaction_rate", "on_time_rate", "rework_rate"];
  var c = echarts.init(el, null, { renderer: "svg" });
  c.setOption({
    tooltip: { trigger: "axis" },
    legend: { top: 0, data: metrics.map(function (m) { return labels[m]; }) },
    grid: { left: 8, right: 16, top: 48, bottom: 8, containLabel: true },
    xAxis: { type: "category", data: data.keys },
    yAxis: { type: "value", max: 100, name: "%" },
    series: metrics.map(function (m) { return { name: labels[m], type: "bar", data: data[m] }; })
  });
  window.addEventListener("resize", function () { c.resize(); });
})();
