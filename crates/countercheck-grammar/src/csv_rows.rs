//! Rows of the CSV tables in `data/`, each cell trimmed of surrounding whitespace so
//! that a table may be edited by hand with spaces after its commas.
//!
//! The `csv` crate's own trimming (`Trim::All`) builds a fresh record for every row,
//! trimmed or not, which was a fifth of a command's start-up (the lexicons and
//! gazetteers hold some six thousand rows). Here a row is read into one reused record
//! and copied only when one of its cells has whitespace to lose.

use csv::{Reader, StringRecord};
use serde::de::DeserializeOwned;

/// The rows of `reader` as `T`, by the names of its header row; headers and cells are
/// trimmed as `csv::Trim::All` trims them.
///
/// ```
/// let data = "word, value\n ten ,10\n";
/// let reader = csv::ReaderBuilder::new().from_reader(data.as_bytes());
/// #[derive(serde::Deserialize)]
/// struct Row { word: String, value: u32 }
/// let rows: Vec<Row> = countercheck_grammar::csv_rows(reader).collect::<Result<_, _>>().unwrap();
/// assert_eq!((rows[0].word.as_str(), rows[0].value), ("ten", 10));
/// ```
pub fn csv_rows<T: DeserializeOwned, R: std::io::Read>(
    mut reader: Reader<R>,
) -> impl Iterator<Item = Result<T, csv::Error>> {
    let (headers, mut unreadable) = match reader.headers() {
        Ok(headers) => {
            let mut headers = headers.clone();
            headers.trim();
            (headers, None)
        }
        Err(e) => (StringRecord::new(), Some(e)),
    };
    let mut record = StringRecord::new();
    let mut done = false;
    std::iter::from_fn(move || {
        if let Some(e) = unreadable.take() {
            done = true;
            return Some(Err(e));
        }
        if done {
            return None;
        }
        match reader.read_record(&mut record) {
            Ok(false) => None,
            Ok(true) => {
                if record.iter().any(|cell| cell.trim().len() != cell.len()) {
                    record.trim();
                }
                Some(record.deserialize(Some(&headers)))
            }
            Err(e) => Some(Err(e)),
        }
    })
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, PartialEq, Deserialize)]
    struct Row {
        word: String,
        value: f64,
        note: String,
    }

    fn both(data: &str) -> (Vec<Row>, Vec<Row>) {
        let builder = || {
            let mut b = csv::ReaderBuilder::new();
            b.comment(Some(b'#'));
            b
        };
        let ours = csv_rows(builder().from_reader(data.as_bytes()))
            .collect::<Result<_, _>>()
            .expect("rows read");
        let theirs = builder()
            .trim(csv::Trim::All)
            .from_reader(data.as_bytes())
            .deserialize()
            .collect::<Result<_, _>>()
            .expect("rows read");
        (ours, theirs)
    }

    #[test]
    fn trimmed_as_the_csv_crate_trims() {
        let data =
            "# a comment\n word ,value,\tnote\nten, 10 ,\u{a0}x y \nhalf,0.5,\n\" a \",1,\" \"\n";
        let (ours, theirs) = both(data);
        assert_eq!(ours, theirs);
        assert_eq!(ours.len(), 3);
        assert_eq!(ours[0].note, "x y");
    }

    #[test]
    fn errors_name_the_row() {
        let data = "word,value,note\nten,10,\ntwelve,twelve,\n";
        let rows: Vec<Result<Row, csv::Error>> =
            csv_rows(csv::ReaderBuilder::new().from_reader(data.as_bytes())).collect();
        assert!(rows[0].is_ok());
        let e = rows[1]
            .as_ref()
            .expect_err("a word is no value")
            .to_string();
        assert!(e.contains("line: 3"), "{e}");
    }
}
