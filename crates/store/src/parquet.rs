//! Parquet export: the tabular columns of `acled-csv`, typed (integers, floats, dates as
//! Arrow `Date32`), Snappy-compressed, one row group per 64k events; for pandas, R (arrow),
//! DuckDB and Spark.

use std::sync::Arc;

use arrow_array::{ArrayRef, Date32Array, Float64Array, Int64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};

use crate::export::{acled_row, Cell, ACLED_COLUMNS, RASID_COLUMNS};
use crate::fuse::day_number;
use crate::FusedEvent;

fn io(e: impl std::fmt::Display) -> std::io::Error {
    std::io::Error::other(e.to_string())
}

/// The Parquet file of `events`, as bytes.
pub fn parquet_bytes(events: &[FusedEvent]) -> std::io::Result<Vec<u8>> {
    let names: Vec<&str> = ACLED_COLUMNS.iter().chain(RASID_COLUMNS).copied().collect();
    let rows: Vec<Vec<Cell>> = events.iter().map(acled_row).collect();
    // a column's type is its cells' kind (from the row layout, not the data: empty exports
    // have the same schema)
    let template = acled_row(&FusedEvent::template());
    let mut fields = Vec::with_capacity(names.len());
    let mut columns: Vec<ArrayRef> = Vec::with_capacity(names.len());
    for (k, name) in names.iter().enumerate() {
        let cells = rows.iter().map(|r| &r[k]);
        let (ty, array): (DataType, ArrayRef) = match &template[k] {
            Cell::Text(_) => (
                DataType::Utf8,
                Arc::new(StringArray::from_iter(cells.map(|c| match c {
                    Cell::Text(v) => v.clone(),
                    _ => None,
                }))),
            ),
            Cell::Int(_) => (
                DataType::Int64,
                Arc::new(Int64Array::from_iter(cells.map(|c| match c {
                    Cell::Int(v) => *v,
                    _ => None,
                }))),
            ),
            Cell::Real(_) => (
                DataType::Float64,
                Arc::new(Float64Array::from_iter(cells.map(|c| match c {
                    Cell::Real(v) => *v,
                    _ => None,
                }))),
            ),
            Cell::Date(_) => (
                DataType::Date32,
                Arc::new(Date32Array::from_iter(cells.map(|c| match c {
                    Cell::Date(Some(d)) => day_number(d).map(|n| n as i32),
                    _ => None,
                }))),
            ),
        };
        fields.push(Field::new(*name, ty, true));
        columns.push(array);
    }
    let schema = Arc::new(Schema::new(fields));
    let batch = RecordBatch::try_new(schema.clone(), columns).map_err(io)?;
    let props = parquet::file::properties::WriterProperties::builder()
        .set_compression(parquet::basic::Compression::SNAPPY)
        .set_max_row_group_row_count(Some(65_536))
        .build();
    let mut buf = Vec::new();
    let mut w = parquet::arrow::ArrowWriter::try_new(&mut buf, schema, Some(props)).map_err(io)?;
    w.write(&batch).map_err(io)?;
    w.close().map_err(io)?;
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use parquet::file::reader::{FileReader, SerializedFileReader};

    #[test]
    fn parquet_reads_back_with_the_columns_and_types() {
        let mut e = FusedEvent::template();
        e.id = 7;
        e.category = "FIGHT".into();
        e.date_start = Some("2018-11-02".into());
        e.date_end = Some("2018-11-02".into());
        e.lat = Some(34.69);
        e.location = Some("Hajin".into());
        e.fatalities = Some(3);
        let bytes = parquet_bytes(&[e.clone(), e]).unwrap();
        let reader = SerializedFileReader::new(bytes::Bytes::from(bytes)).unwrap();
        let meta = reader.metadata();
        assert_eq!(meta.file_metadata().num_rows(), 2);
        let schema = meta.file_metadata().schema_descr();
        let names: Vec<&str> = schema.columns().iter().map(|c| c.name()).collect();
        let expected: Vec<&str> = ACLED_COLUMNS.iter().chain(RASID_COLUMNS).copied().collect();
        assert_eq!(names, expected);
        // empty exports keep the schema
        let empty = parquet_bytes(&[]).unwrap();
        let r = SerializedFileReader::new(bytes::Bytes::from(empty)).unwrap();
        assert_eq!(
            r.metadata().file_metadata().schema_descr().num_columns(),
            expected.len()
        );
    }
}
