export { BarChart, type BarRow, type BarTone } from './bar-chart';
export { ColumnChart, type ColumnPoint } from './column-chart';
export { ChartTile, StatTile, ChartPlaceholders } from './chart-tile';
export { DataTable, type DataTableProps } from './data-table';
export { niceMax, ticks, shareStep, percent, columnLayout } from './scale';
export { shortDuration } from './duration';
