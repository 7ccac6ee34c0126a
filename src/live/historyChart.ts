/** Draws a min / avg / max uPlot chart of a time series (ms times) into `el`, downsampled to its width. */
import uPlot from 'uplot';
import { downsample } from './downsample.ts';

export function drawHistoryChart(el: HTMLElement, times: ArrayLike<number>, values: ArrayLike<number>): { plot: uPlot; drawn: number } {
  const d = downsample(times, values, Math.max(200, Math.min(4000, el.clientWidth * 2)));
  const data: uPlot.AlignedData = [d.t.map((t) => t / 1000), d.min, d.avg, d.max];
  const plot = new uPlot({
    width: Math.max(300, el.clientWidth),
    height: 300,
    series: [
      {},
      { label: 'min', stroke: '#7aa7e8' },
      { label: 'avg', stroke: '#0b62d6', width: 2 },
      { label: 'max', stroke: '#d66a0b' },
    ],
    scales: { x: { time: true } },
  }, data, el);
  return { plot, drawn: d.t.length };
}
