//! Approximate province (admin1) outlines from rasid's own gazetteer, for the dashboard's
//! basemap: a grid over Syria and Iraq where each cell takes the province of the nearest
//! place the gazetteer knows there (towns, villages, districts). The dashboard draws a line
//! where two neighbouring cells differ and clips it to the country outlines; cells far from
//! any place are left out. The lines are approximate by construction (a nearest-place map at
//! 0.1°, about 10 km), which the dashboard says in the line's title.

use serde::Serialize;

/// The grid.
#[derive(Clone, Debug, Serialize)]
pub struct ProvinceGrid {
    pub lon0: f64,
    pub lat0: f64,
    pub step: f64,
    pub cols: usize,
    pub rows: usize,
    /// Province names, "country/admin1".
    pub names: Vec<String>,
    /// Row-major from the south-west corner: an index into `names`, or -1 when no place is
    /// within reach.
    pub cells: Vec<i32>,
}

/// Farther than this from every known place, a cell belongs to no province (km).
const REACH_KM: f64 = 60.0;

/// The grid of the gazetteer's Syrian and Iraqi places.
pub fn grid(gazetteer: &rasid::gazetteer::Gazetteer) -> ProvinceGrid {
    let (lon0, lat0, lon1, lat1, step) = (35.5, 29.0, 48.8, 37.5, 0.1);
    let cols = ((lon1 - lon0) / step) as usize;
    let rows = ((lat1 - lat0) / step) as usize;
    let mut names: Vec<String> = Vec::new();
    // (lat, lon, name index) of every place with a province
    let mut points: Vec<(f64, f64, i32)> = Vec::new();
    for p in gazetteer.places() {
        if !matches!(p.country.as_str(), "SY" | "IQ") || p.feature.fineness() < 3 {
            continue;
        }
        let Some(a) = &p.admin1 else { continue };
        let name = format!("{}/{a}", p.country);
        let i = match names.iter().position(|n| *n == name) {
            Some(i) => i,
            None => {
                names.push(name);
                names.len() - 1
            }
        };
        points.push((p.lat, p.lon, i as i32));
    }
    // bucket the places by grid cell so each cell looks at its neighbourhood only
    let reach_cells = (REACH_KM / 111.0 / step).ceil() as i64 + 1;
    let mut buckets: std::collections::HashMap<(i64, i64), Vec<usize>> = Default::default();
    for (k, (lat, lon, _)) in points.iter().enumerate() {
        let key = (
            ((lon - lon0) / step).floor() as i64,
            ((lat - lat0) / step).floor() as i64,
        );
        buckets.entry(key).or_default().push(k);
    }
    let mut cells = Vec::with_capacity(cols * rows);
    for r in 0..rows {
        let lat = lat0 + (r as f64 + 0.5) * step;
        let kx = lat.to_radians().cos();
        for c in 0..cols {
            let lon = lon0 + (c as f64 + 0.5) * step;
            let mut best = (f64::MAX, -1);
            for dy in -reach_cells..=reach_cells {
                for dx in -reach_cells..=reach_cells {
                    if let Some(list) = buckets.get(&(c as i64 + dx, r as i64 + dy)) {
                        for &k in list {
                            let (plat, plon, name) = points[k];
                            let d =
                                ((plat - lat).powi(2) + ((plon - lon) * kx).powi(2)).sqrt() * 111.0;
                            if d < best.0 {
                                best = (d, name);
                            }
                        }
                    }
                }
            }
            cells.push(if best.0 <= REACH_KM { best.1 } else { -1 });
        }
    }
    ProvinceGrid {
        lon0,
        lat0,
        step,
        cols,
        rows,
        names,
        cells,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_grid_knows_the_provinces_of_known_towns() {
        let g = super::grid(&rasid::gazetteer::Gazetteer::embedded());
        assert_eq!(g.cells.len(), g.cols * g.rows);
        assert!(g.names.len() >= 30, "{} provinces", g.names.len());
        let at = |lat: f64, lon: f64| {
            let c = ((lon - g.lon0) / g.step) as usize;
            let r = ((lat - g.lat0) / g.step) as usize;
            let i = g.cells[r * g.cols + c];
            (i >= 0).then(|| g.names[i as usize].as_str())
        };
        assert_eq!(at(35.93, 36.63), Some("SY/Idlib"));
        assert_eq!(at(36.34, 43.13), Some("IQ/Nineveh"));
        assert_eq!(at(33.31, 44.37), Some("IQ/Baghdad"));
    }
}
