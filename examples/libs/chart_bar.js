// Monthly revenue as bars with a target line over them, drawn by Chart.js 4,
// which this script does not include: install it, then give both scripts to
// seccanvas in order, as a page's <script> tags would load them.
//
//   npm install --prefix /tmp/lib chart.js@4.4.1
//   seccanvas run --headless --size 400x300 --out bar.png \
//     /tmp/lib/node_modules/chart.js/dist/chart.umd.js examples/libs/chart_bar.js
//
// The y axis formats its ticks as dollars through Intl.NumberFormat.
const dollars = new Intl.NumberFormat('en-US', {style: 'currency', currency: 'USD', maximumFractionDigits: 0});

new Chart(document.querySelector('canvas'), {
  type: 'bar',
  data: {
    labels: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun'],
    datasets: [
      {label: 'Revenue', data: [1200, 1900, 3000, 5000.5, 4200, 6100], backgroundColor: 'rgba(54, 162, 235, 0.6)',
        borderColor: 'rgb(54, 162, 235)', borderWidth: 1},
      {type: 'line', label: 'Target', data: [1000, 2000, 2800, 4800, 5000, 5500], borderColor: 'rgb(255, 99, 132)',
        backgroundColor: 'rgb(255, 99, 132)', tension: 0.3},
    ],
  },
  options: {
    animation: false, // one final frame, no tweening
    responsive: false, // the canvas keeps its size
    locale: 'en-US',
    plugins: {title: {display: true, text: 'Revenue, first half'}},
    scales: {y: {beginAtZero: true, ticks: {callback: (v) => dollars.format(v)}}},
  },
});
