(function () {
  var node = document.getElementById("digital-chart");
  if (!node || typeof echarts === "undefined") return;
  var data = JSON.parse(node.textContent);
  var trend = echarts.init(document.getElementById("trend-chart"));
  trend.setOption({
    tooltip: { trigger: "axis" },
    legend: {},
    xAxis: { type: "category", data: data.trend.map(function (r) { return r.month; }) },
    yAxis: [{ type: "value" }, { type: "value" }],
    series: [
      { name: document.documentElement.lang === "en" ? "Apps" : "应用", type: "bar", stack: "n", data: data.trend.map(function (r) { return r.tools; }) },
      { name: document.documentElement.lang === "en" ? "Work groups" : "工作群", type: "bar", stack: "n", data: data.trend.map(function (r) { return r.work_groups; }) },
      { name: document.documentElement.lang === "en" ? "Hours per week" : "每周小时", type: "line", yAxisIndex: 1, data: data.trend.map(function (r) { return r.hours_per_week; }) }
    ]
  });
  var dept = echarts.init(document.getElementById("dept-chart"));
  dept.setOption({
    tooltip: {},
    grid: { left: 140 },
    xAxis: { type: "value" },
    yAxis: { type: "category", data: data.departments.map(function (r) { return r.name; }).reverse() },
    series: [{ type: "bar", data: data.departments.map(function (r) { return r.total; }).reverse() }]
  });
  window.addEventListener("resize", function () { trend.resize(); dept.resize(); });
})();
