// Prints a Parquet file as JSON: {"columns": [...], "rows": [[...], ...], "metadata": {...}}.
// Used by the tests to read results.parquet with a reader that shares no code with Parquet.Net.
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';

const file = await asyncBufferFromFile(process.argv[2]);
const metadata = await parquetMetadataAsync(file);
const rows = await parquetReadObjects({ file });
const columns = metadata.schema.slice(1).map(s => s.name);
const kv = Object.fromEntries((metadata.key_value_metadata ?? []).map(e => [e.key, e.value]));
const replacer = (_, v) => (typeof v === 'bigint' ? Number(v) : v);
process.stdout.write(JSON.stringify({ columns, rows: rows.map(r => columns.map(c => r[c])), metadata: kv }, replacer));
