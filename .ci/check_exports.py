#!/usr/bin/env python3
"""Check rasid's exports with Python's own readers, as users will open them.

Usage: check_exports.py CSV GEOJSON GRAPHML docs/CORPUS.md [PARQUET]
- the CSV opens in the csv module, its header is the documented column list, every row has
  every column, dates and coordinates parse;
- the GeoJSON is a FeatureCollection of Points with [longitude, latitude] in range;
- the GraphML parses as XML in the GraphML namespace, every edge joins declared nodes;
- the Parquet file has Parquet's magic at both ends (its columns are checked by rasid's tests
  with the parquet crate; pyarrow is not assumed here).
"""
import csv
import datetime
import json
import re
import sys
import xml.etree.ElementTree as ET


def fail(msg):
    print(f"check_exports: {msg}", file=sys.stderr)
    sys.exit(1)


def main(csv_path, geojson_path, graphml_path, doc_path, parquet_path=None):
    doc = open(doc_path, encoding="utf-8").read()
    m = re.search(r"```columns\n(.*?)```", doc, re.S)
    if not m:
        fail(f"{doc_path}: no ```columns block")
    columns = [line.strip() for line in m.group(1).splitlines() if line.strip()]

    with open(csv_path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
        f.seek(0)
        header = next(csv.reader(f))
    if header != columns:
        fail(f"{csv_path}: header differs from the documented columns")
    if not rows:
        fail(f"{csv_path}: no rows")
    for n, r in enumerate(rows, 2):
        if None in r or any(v is None for v in r.values()):
            fail(f"{csv_path}:{n}: wrong number of fields")
        datetime.date.fromisoformat(r["event_date"])
        if r["latitude"]:
            lat, lon = float(r["latitude"]), float(r["longitude"])
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                fail(f"{csv_path}:{n}: coordinates out of range")
        int(r["fatalities"])

    gj = json.load(open(geojson_path, encoding="utf-8"))
    if gj.get("type") != "FeatureCollection" or not isinstance(gj.get("features"), list):
        fail(f"{geojson_path}: not a FeatureCollection")
    for i, feat in enumerate(gj["features"]):
        g = feat.get("geometry") or {}
        c = g.get("coordinates")
        if feat.get("type") != "Feature" or g.get("type") != "Point" or not isinstance(c, list) or len(c) != 2:
            fail(f"{geojson_path}: feature {i} is not a Point feature")
        if not (-180 <= c[0] <= 180 and -90 <= c[1] <= 90):
            fail(f"{geojson_path}: feature {i}: coordinates out of range")
        if not isinstance(feat.get("properties"), dict):
            fail(f"{geojson_path}: feature {i} has no properties")

    ns = "{http://graphml.graphdrawing.org/xmlns}"
    root = ET.parse(graphml_path).getroot()
    if root.tag != ns + "graphml":
        fail(f"{graphml_path}: root is {root.tag}, not graphml")
    nodes = {n.get("id") for n in root.iter(ns + "node")}
    edges = list(root.iter(ns + "edge"))
    if not nodes or not edges:
        fail(f"{graphml_path}: no nodes or no edges")
    for e in edges:
        if e.get("source") not in nodes or e.get("target") not in nodes:
            fail(f"{graphml_path}: edge {e.get('id')} joins an undeclared node")
    if parquet_path:
        data = open(parquet_path, "rb").read()
        if len(data) < 12 or data[:4] != b"PAR1" or data[-4:] != b"PAR1":
            fail(f"{parquet_path}: not a Parquet file")
    print(f"check_exports: {len(rows)} CSV rows, {len(gj['features'])} GeoJSON points, "
          f"{len(nodes)} GraphML nodes and {len(edges)} edges: all parse")


if __name__ == "__main__":
    if len(sys.argv) not in (5, 6):
        fail(__doc__)
    main(*sys.argv[1:])
