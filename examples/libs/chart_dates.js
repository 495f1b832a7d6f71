// Daily visitors over two weeks as a line chart whose x labels are dates,
// drawn by Chart.js 4 (not included; see chart_bar.js for how to run it).
// Without a date adapter Chart.js uses a category axis: the labels are the
// dates formatted by Intl.DateTimeFormat, and the y ticks are formatted by
// Chart.js itself through Intl.NumberFormat (compact notation: 1.5K).
const day = new Intl.DateTimeFormat('en-US', {weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC'});
const start = Date.UTC(2024, 1, 26); // Mon 26 Feb 2024, through a leap day
const labels = [], visitors = [], signups = [];
for (let i = 0; i < 14; i++) {
  labels.push(day.format(new Date(start + i * 864e5)));
  // A weekly rhythm and a steady rise, no randomness: every run draws the same.
  const weekday = (i % 7) < 5 ? 1 : 0.55;
  visitors.push(Math.round((1200 + 90 * i) * weekday));
  signups.push(Math.round((150 + 12 * i) * weekday * (1 + 0.2 * Math.sin(i))));
}

new Chart(document.querySelector('canvas'), {
  type: 'line',
  data: {
    labels,
    datasets: [
      {label: 'Visitors', data: visitors, borderColor: 'rgb(75, 192, 192)', backgroundColor: 'rgba(75, 192, 192, 0.2)', fill: true},
      {label: 'Sign-ups', data: signups, borderColor: 'rgb(153, 102, 255)', backgroundColor: 'rgb(153, 102, 255)',
        borderDash: [6, 3], yAxisID: 'y2'},
    ],
  },
  options: {
    animation: false,
    responsive: false,
    locale: 'en-US',
    plugins: {title: {display: true, text: 'Visitors, 26 Feb – 10 Mar 2024'}},
    scales: {
      x: {ticks: {maxRotation: 50, minRotation: 50}},
      y: {beginAtZero: true, ticks: {format: {notation: 'compact', maximumFractionDigits: 1}}},
      y2: {position: 'right', beginAtZero: true, grid: {drawOnChartArea: false}, ticks: {format: {maximumFractionDigits: 0}}},
    },
  },
});
