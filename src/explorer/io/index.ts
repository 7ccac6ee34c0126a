/** src/explorer/io — graph import (ADT Explorer JSON, NDJSON, spreadsheet CSV/XLSX) and workspace export. */
export { ImportExportMenu } from './ImportExportMenu.tsx';
