// A pie of browser shares with its legend on the right, drawn by Chart.js 4
// (not included; see chart_bar.js for how to run it). The legend labels
// carry the shares, formatted as percentages by Intl.NumberFormat.
const shares = {Chromium: 0.652, Safari: 0.184, Firefox: 0.061, Edge: 0.052, Other: 0.051};
const percent = new Intl.NumberFormat('en-US', {style: 'percent', minimumFractionDigits: 1});

new Chart(document.querySelector('canvas'), {
  type: 'pie',
  data: {
    labels: Object.keys(shares).map((k) => k + ' ' + percent.format(shares[k])),
    datasets: [{
      data: Object.values(shares),
      backgroundColor: ['#4285f4', '#34a853', '#fbbc05', '#ea4335', '#9e9e9e'],
      borderColor: '#fff',
      borderWidth: 2,
    }],
  },
  options: {
    animation: false,
    responsive: false,
    locale: 'en-US',
    plugins: {legend: {position: 'right'}, title: {display: true, text: 'Browser share'}},
  },
});
