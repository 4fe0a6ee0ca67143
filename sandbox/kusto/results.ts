// Response bodies in Kusto's two wire formats. v1 (`/v1/rest/mgmt`, `/v1/rest/query`) is
// `{"Tables":[…]}`; with more than two tables the last one is the TableOfContents. v2
// (`/v2/rest/query`) is a JSON array of frames: DataSetHeader, the @ExtendedProperties table,
// the PrimaryResult, QueryCompletionInformation and DataSetCompletion.
import type { KustoColumnType } from "../world/kusto";
import type { KustoRequestIds } from "./errors";
import type { ResultTable } from "./kql";

/** The .NET type names v1 reports in DataType next to the Kusto ColumnType. */
const DATA_TYPES: Record<KustoColumnType, string> = {
  string: "String",
  long: "Int64",
  int: "Int32",
  real: "Double",
  bool: "Boolean",
  datetime: "DateTime",
  guid: "Guid",
  dynamic: "Object",
};

function v1Table(name: string, table: ResultTable) {
  return {
    TableName: name,
    Columns: table.columns.map((column) => ({ ColumnName: column.name, DataType: DATA_TYPES[column.type], ColumnType: column.type })),
    Rows: table.rows,
  };
}

/** A management command's answer: a single table. */
export function v1Management(table: ResultTable) {
  return { Tables: [v1Table("Table_0", table)] };
}

/** A v1 query answer: primary result, properties, status, and the table of contents last. */
export function v1Query(table: ResultTable, ids: KustoRequestIds) {
  const properties: ResultTable = { columns: [{ name: "Value", type: "string" }], rows: [[JSON.stringify({ Visualization: null, Title: null })]] };
  const status: ResultTable = {
    columns: [
      { name: "Timestamp", type: "datetime" },
      { name: "Severity", type: "int" },
      { name: "SeverityName", type: "string" },
      { name: "StatusCode", type: "int" },
      { name: "StatusDescription", type: "string" },
      { name: "Count", type: "int" },
      { name: "RequestId", type: "guid" },
      { name: "ActivityId", type: "guid" },
      { name: "SubActivityId", type: "guid" },
      { name: "ClientActivityId", type: "string" },
    ],
    rows: [[new Date().toISOString(), 4, "Info", 0, "Query completed successfully", 1, ids.activityId, ids.activityId, ids.activityId, ids.clientRequestId]],
  };
  const contents: ResultTable = {
    columns: [
      { name: "Ordinal", type: "long" },
      { name: "Kind", type: "string" },
      { name: "Name", type: "string" },
      { name: "Id", type: "string" },
      { name: "PrettyName", type: "string" },
    ],
    rows: [
      [0, "QueryResult", "PrimaryResult", ids.activityId, ""],
      [1, "QueryProperties", "@ExtendedProperties", ids.activityId, ""],
      [2, "QueryStatus", "QueryStatus", "00000000-0000-0000-0000-000000000000", ""],
    ],
  };
  return { Tables: [v1Table("Table_0", table), v1Table("Table_1", properties), v1Table("Table_2", status), v1Table("Table_3", contents)] };
}

export function v2Query(table: ResultTable, ids: KustoRequestIds) {
  const now = new Date().toISOString();
  return [
    { FrameType: "DataSetHeader", IsProgressive: false, Version: "v2.0", IsFragmented: false, ErrorReportingPlacement: "InData" },
    {
      FrameType: "DataTable",
      TableId: 0,
      TableKind: "QueryProperties",
      TableName: "@ExtendedProperties",
      Columns: [
        { ColumnName: "TableId", ColumnType: "int" },
        { ColumnName: "Key", ColumnType: "string" },
        { ColumnName: "Value", ColumnType: "dynamic" },
      ],
      Rows: [[1, "Visualization", { Visualization: null, Title: null }]],
    },
    {
      FrameType: "DataTable",
      TableId: 1,
      TableKind: "PrimaryResult",
      TableName: "PrimaryResult",
      Columns: table.columns.map((column) => ({ ColumnName: column.name, ColumnType: column.type })),
      Rows: table.rows,
    },
    {
      FrameType: "DataTable",
      TableId: 2,
      TableKind: "QueryCompletionInformation",
      TableName: "QueryCompletionInformation",
      Columns: [
        { ColumnName: "Timestamp", ColumnType: "datetime" },
        { ColumnName: "ClientRequestId", ColumnType: "string" },
        { ColumnName: "ActivityId", ColumnType: "guid" },
        { ColumnName: "SubActivityId", ColumnType: "guid" },
        { ColumnName: "ParentActivityId", ColumnType: "guid" },
        { ColumnName: "Level", ColumnType: "int" },
        { ColumnName: "LevelName", ColumnType: "string" },
        { ColumnName: "StatusCode", ColumnType: "int" },
        { ColumnName: "StatusCodeName", ColumnType: "string" },
        { ColumnName: "EventType", ColumnType: "int" },
        { ColumnName: "EventTypeName", ColumnType: "string" },
        { ColumnName: "Payload", ColumnType: "string" },
      ],
      Rows: [[now, ids.clientRequestId, ids.activityId, ids.activityId, ids.activityId, 4, "Info", 0, "S_OK (0)", 4, "QueryInfo", JSON.stringify({ Count: 1, Text: "Query completed successfully" })]],
    },
    { FrameType: "DataSetCompletion", HasErrors: false, Cancelled: false },
  ];
}
