import { useEffect, useRef } from "react";

import { echarts, type ChartOption } from "@/lib/charts/echarts";

export interface EChartProps {
  option: ChartOption;
  /** What the chart shows, for screen readers (the table beside it has the numbers). */
  label: string;
  height?: number;
  /** Called once the chart has been drawn with this option. */
  onRendered?: () => void;
}

/** One ECharts canvas, sized to its container, redrawn when the option changes. */
export function EChart({ option, label, height = 280, onRendered }: EChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const rendered = useRef(onRendered);

  useEffect(() => {
    rendered.current = onRendered;
  });

  useEffect(() => {
    const node = element.current;
    if (!node) return;
    const instance = echarts.init(node, null, { renderer: "canvas" });
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(node);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    let done = false;
    const finished = () => {
      if (done) return;
      done = true;
      rendered.current?.();
    };
    instance.on("finished", finished);
    instance.setOption(option, { notMerge: true });
    return () => {
      // on unmount the instance is disposed first (the effect above is cleaned up before this one)
      if (!instance.isDisposed()) instance.off("finished", finished);
    };
  }, [option]);

  return (
    <div
      ref={element}
      className="echart"
      role="img"
      aria-label={label}
      style={{ height, width: "100%" }}
    />
  );
}
