import { describe, expect, it } from '@jest/globals';
import { barChart, movementSentence, NOT_SHOWN, percentLineChart } from './charts.js';

describe('charts drawn on the server', () => {
  it('names a line chart by its title and summary, labels every point, and draws the target as a labelled dashed line', () => {
    const chart = percentLineChart({
      id: 'trend',
      title: 'On time by month',
      summary: 'On time rose from 71% to 78%',
      points: [{ label: 'Apr 26', value: 71 }, { label: 'May 26', value: null }, { label: 'Jun 26', value: 78 }],
      target: 85,
    });
    expect(chart.svg).toContain('role="img" aria-labelledby="trend-title trend-desc"');
    expect(chart.svg).toContain('<title id="trend-title">On time by month</title>');
    expect(chart.svg).toContain('<desc id="trend-desc">On time rose from 71% to 78%</desc>');
    expect(chart.svg).toContain('>71%<');
    expect(chart.svg).toContain('>78%<');
    expect(chart.svg).toContain(`>${NOT_SHOWN}<`);
    expect(chart.svg).toContain('stroke-dasharray');
    expect(chart.svg).toContain('>Target 85%<');
    // The line breaks where a month is not shown: no segment joins April to June across May.
    expect(chart.svg).not.toContain('<polyline');
    expect(chart.svg).not.toContain(' style="');
  });

  it('labels each bar with its value, or the marker of a figure not shown, and escapes text', () => {
    const chart = barChart({ id: 'bars', title: 'Closures <by> reason', summary: 's', percent: false, bars: [{ label: 'Declined', value: 12 }, { label: 'Deceased', value: null, text: '<5' }] });
    expect(chart.svg).toContain('Closures &lt;by&gt; reason');
    expect(chart.svg).toContain('>12<');
    expect(chart.svg).toContain('>&lt;5<');
    expect(chart.svg.match(/<rect /g)).toHaveLength(1);
  });

  it('says how a percentage moved between the first and last months shown', () => {
    const months = (values: Array<number | null>) => values.map((value, index) => ({ label: `month ${index + 1}`, value }));
    expect(movementSentence('On time', months([71, null, 78]))).toBe('On time rose from 71% to 78% between month 1 and month 3.');
    expect(movementSentence('On time', months([80, 62.5]))).toBe('On time fell from 80% to 62.5% between month 1 and month 2.');
    expect(movementSentence('On time', months([null, 50]))).toBe('On time was 50% in month 2, the only month with a figure shown.');
    expect(movementSentence('On time', months([null]))).toBe('On time: no figure is shown for these months.');
  });
});
