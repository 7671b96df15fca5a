/**
 * The one ECharts wrapper every chart uses: created on mount, given its
 * option whenever that changes, resized with its box, disposed on unmount.
 * ECharts is imported piece by piece (core, the bar and gauge charts, the
 * components used, the canvas renderer) to keep the bundle small.
 */
import { BarChart, GaugeChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use, type ECElementEvent, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import type { ChartOption } from '../../overview/chart-options.ts';

use([BarChart, GaugeChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface ChartClick {
  readonly seriesId: string | undefined;
  readonly dataIndex: number;
}

export function EChart({ option, label, onClick, className }: { readonly option: ChartOption; readonly label: string; readonly onClick?: (click: ChartClick) => void; readonly className?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const clicked = useRef(onClick);
  const [drawn, setDrawn] = useState(false);

  useEffect(() => {
    clicked.current = onClick;
  }, [onClick]);

  useEffect(() => {
    const el = box.current;
    if (el === null) return;
    const instance = init(el, null, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (event: ECElementEvent) => clicked.current?.({ seriesId: event.seriesId ?? undefined, dataIndex: event.dataIndex }));
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
    setDrawn(true);
  }, [option]);

  return <div ref={box} className={className === undefined ? 'echart' : `echart ${className}`} role="img" aria-label={label} data-drawn={drawn ? 'true' : undefined} />;
}
