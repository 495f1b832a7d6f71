// Runs after a Chart.js example, in Chromium and in seccanvas alike: logs
// the text Chart.js formatted (every scale's tick labels, through
// Intl.NumberFormat unless the example formats them, and the legend), so
// that the test compares the formatting exactly and not only as pixels.
const probed = Chart.getChart(document.querySelector('canvas'));
for (const id of Object.keys(probed.scales)) {
  console.log(id + ': ' + probed.scales[id].ticks.map((t) => t.label).join(' | '));
}
console.log('legend: ' + probed.legend.legendItems.map((i) => i.text).join(' | '));
