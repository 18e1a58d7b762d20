//! A fair's ballot box as it is published: the hash chain over its ballot
//! events, its counted ballots, and the one count that both the server's
//! results and anyone's recount of the published file run.
//!
//! Each cast entry of the chain commits to its ballot by a digest of the
//! receipt, the ideas and the station under the fair's salt. A fair that
//! publishes its ballots publishes the salt with them, so each ballot checks
//! against the entry that cast it; a fair that publishes totals keeps the
//! salt, so a receipt shown to someone proves nothing about its ideas.

use crate::types::vocabulary;
use crate::types::{FairResults, OriginTotal, ResultRow, Station, Text};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
#[cfg(feature = "openapi")]
use utoipa::ToSchema;

vocabulary!(
    /// What happened to a ballot, as the box's chain tells it.
    BallotEvent {
        Cast = "cast",
        Replaced = "replaced",
        Voided = "voided",
    }
);

vocabulary!(
    /// What a fair publishes of its ballots when voting closes: every
    /// ballot (anyone can recount them, and a voter can show their receipt's
    /// ideas to someone else), or the totals per station alone.
    BallotPublication {
        Ballots = "ballots",
        Totals = "totals",
    }
);

/// SHA-256 of `lines` joined by newlines, in lowercase hex: how the ballot
/// box's chain and the audit log hash their entries.
pub fn sha256_lines<S: AsRef<str>>(lines: &[S]) -> String {
    let mut hash = Sha256::new();
    for (n, line) in lines.iter().enumerate() {
        if n > 0 {
            hash.update(b"\n");
        }
        hash.update(line.as_ref().as_bytes());
    }
    format!("{:x}", hash.finalize())
}

/// What a cast entry commits to: a ballot's receipt, its ideas and its
/// station (none for the web) under the fair's salt.
pub fn digest(salt: &str, receipt: &str, ideas: &[i64], station: Option<i64>) -> String {
    let mut sorted = ideas.to_vec();
    sorted.sort_unstable();
    let ideas: Vec<String> = sorted.iter().map(i64::to_string).collect();
    let station = station.map(|s| s.to_string()).unwrap_or_default();
    sha256_lines(&[salt, receipt, &ideas.join(" "), &station])
}

/// The hash before the first entry of a fair's chain.
pub fn genesis(fair_id: i64) -> String {
    sha256_lines(&["bastama ballot box", &fair_id.to_string()])
}

/// The hash of entry `seq`, which follows the entry whose hash is `previous`.
pub fn link(previous: &str, seq: i64, event: BallotEvent, receipt: &str, digest: &str) -> String {
    sha256_lines(&[previous, &seq.to_string(), event.code(), receipt, digest])
}

/// One event of the chain, numbered from 1. `digest` is empty unless it is a cast.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ChainEntry {
    pub seq: i64,
    pub event: BallotEvent,
    pub receipt: String,
    pub digest: String,
    pub hash: String,
}

/// The chain's head as it stands: shown from the moment voting opens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct BoxHead {
    pub fair_id: i64,
    pub publication: BallotPublication,
    pub events: i64,
    pub head: String,
}

/// An idea on the ballot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct BoxIdea {
    pub id: i64,
    pub title: Text,
}

/// A counted ballot: its receipt, its ideas, and its station (none: the web).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct BoxBallot {
    pub receipt: String,
    pub ideas: Vec<i64>,
    pub station: Option<i64>,
}

/// `GET /fairs/{id}/ballots.json`, once voting closed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct BallotBox {
    pub fair_id: i64,
    pub publication: BallotPublication,
    /// The fair's salt of the cast digests: given with the ballots only.
    pub salt: Option<String>,
    pub winners: i64,
    pub ideas: Vec<BoxIdea>,
    /// Every counted ballot in an order unrelated to casting; none when the
    /// fair publishes totals.
    pub ballots: Vec<BoxBallot>,
    pub chain: Vec<ChainEntry>,
    pub head: String,
    /// The result the server published, which a recount must reproduce.
    pub results: FairResults,
}

/// Voided paper ballots of one station.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct StationVoids {
    pub station: Station,
    pub voids: i64,
}

/// `GET /fairs/{id}/protocol`: what the results protocol of a closed fair states.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Protocol {
    pub fair: crate::Fair,
    pub results: FairResults,
    pub voids: Vec<StationVoids>,
    pub events: i64,
    pub head: String,
    /// SHA-256 of `ballots.json` as it is served, in hex.
    pub file_sha256: String,
}

/// How many votes each idea got from one origin: `(station, idea, votes)`,
/// the station `None` for the web.
pub type Count = (Option<i64>, i64, i64);

/// The ranking of a fair's ideas from the votes counted per origin: the
/// server's results and every recount come out of here. Ideas with equal
/// votes share a rank and keep the order of `ideas`; the ideas ranked within
/// `winners` win, ties at the cut included, if they got any vote.
pub fn tally(
    fair_id: i64,
    winners: i64,
    ideas: &[BoxIdea],
    origins: Vec<OriginTotal>,
    counts: &[Count],
) -> FairResults {
    let column = |station: Option<i64>| {
        origins
            .iter()
            .position(|o| o.station.as_ref().map(|s| s.id) == station)
    };
    let mut by_idea: HashMap<i64, Vec<i64>> = HashMap::new();
    for &(station, idea, votes) in counts {
        if let Some(k) = column(station) {
            by_idea
                .entry(idea)
                .or_insert_with(|| vec![0; origins.len()])[k] += votes;
        }
    }
    let mut rows: Vec<(&BoxIdea, Vec<i64>, i64)> = ideas
        .iter()
        .map(|idea| {
            let by_origin = by_idea
                .remove(&idea.id)
                .unwrap_or_else(|| vec![0; origins.len()]);
            let votes = by_origin.iter().sum();
            (idea, by_origin, votes)
        })
        .collect();
    rows.sort_by_key(|(_, _, votes)| std::cmp::Reverse(*votes));
    let mut items: Vec<ResultRow> = Vec::with_capacity(rows.len());
    for (position, (idea, by_origin, votes)) in rows.into_iter().enumerate() {
        let rank = match items.last() {
            Some(previous) if previous.votes == votes => previous.rank,
            _ => position as i64 + 1,
        };
        items.push(ResultRow {
            rank,
            idea_id: idea.id,
            title: idea.title.clone(),
            votes,
            winner: votes > 0 && rank <= winners,
            by_origin,
        });
    }
    FairResults {
        fair_id,
        ballots: origins.iter().map(|o| o.ballots).sum(),
        winners,
        items,
        origins,
    }
}

/// The first thing a recount found that does not add up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mismatch", rename_all = "snake_case")]
pub enum Mismatch {
    /// Entry `seq` does not follow from the one before it: an entry was
    /// changed, removed or moved here.
    ChainBroken { seq: i64 },
    /// The chain ends on another hash than the published head.
    HeadDiffers,
    /// Entry `seq` replaces or voids a receipt no earlier entry cast.
    NeverCast { seq: i64, receipt: String },
    /// A counted ballot that no entry of the chain cast.
    NotInChain { receipt: String },
    /// A counted ballot whose ideas or station are not what entry `seq` cast.
    Altered { receipt: String, seq: i64 },
    /// Entry `seq` cast a ballot that is neither counted, replaced nor voided.
    Missing { receipt: String, seq: i64 },
    /// A ballot counted twice.
    CountedTwice { receipt: String },
    /// A ballot names an idea that is not on the fair's ballot.
    UnknownIdea { receipt: String, idea: i64 },
    /// The chain leaves `chain` ballots standing; the results count `published`.
    BallotsDiffer { chain: i64, published: i64 },
    /// The published ballots of this origin (none: the web) are not as many
    /// as the recount counts.
    OriginDiffers { station: Option<i64> },
    /// The published results differ from the recount at this idea: its
    /// place, votes, winning or votes by origin.
    ResultsDiffer { idea_id: i64 },
}

/// What a recount that adds up found.
#[derive(Debug, Clone, PartialEq)]
pub struct Recounted {
    pub results: FairResults,
    pub events: usize,
    pub head: String,
}

/// Recounts a published box: the chain checked from its genesis to its
/// head, every counted ballot against the entry that cast it, the ballots
/// left standing against those counted, and the ranking recomputed by
/// [`tally`] against the published one.
pub fn recount(ballot_box: &BallotBox) -> Result<Recounted, Mismatch> {
    let standing = check_chain(ballot_box)?;
    let published = &ballot_box.results;
    let results = match ballot_box.publication {
        BallotPublication::Ballots => count_ballots(ballot_box, standing)?,
        BallotPublication::Totals => {
            let left = standing.len() as i64;
            if left != published.ballots {
                return Err(Mismatch::BallotsDiffer {
                    chain: left,
                    published: published.ballots,
                });
            }
            let counts: Vec<Count> = published
                .items
                .iter()
                .flat_map(|row| {
                    published
                        .origins
                        .iter()
                        .zip(&row.by_origin)
                        .map(|(o, votes)| (o.station.as_ref().map(|s| s.id), row.idea_id, *votes))
                })
                .collect();
            tally(
                ballot_box.fair_id,
                ballot_box.winners,
                &ballot_box.ideas,
                published.origins.clone(),
                &counts,
            )
        }
    };
    if results.ballots != published.ballots {
        return Err(Mismatch::BallotsDiffer {
            chain: results.ballots,
            published: published.ballots,
        });
    }
    if let Some(mismatch) = first_difference(&results, published) {
        return Err(mismatch);
    }
    Ok(Recounted {
        results,
        events: ballot_box.chain.len(),
        head: ballot_box.head.clone(),
    })
}

/// The chain followed from its genesis: the receipts it leaves standing,
/// each with the entry that cast it.
fn check_chain(ballot_box: &BallotBox) -> Result<HashMap<&str, &ChainEntry>, Mismatch> {
    let mut previous = genesis(ballot_box.fair_id);
    let mut standing: HashMap<&str, &ChainEntry> = HashMap::new();
    for (n, entry) in ballot_box.chain.iter().enumerate() {
        let hash = link(
            &previous,
            n as i64 + 1,
            entry.event,
            &entry.receipt,
            &entry.digest,
        );
        if entry.seq != n as i64 + 1 || entry.hash != hash {
            return Err(Mismatch::ChainBroken { seq: n as i64 + 1 });
        }
        match entry.event {
            BallotEvent::Cast => {
                standing.insert(&entry.receipt, entry);
            }
            BallotEvent::Replaced | BallotEvent::Voided => {
                if standing.remove(entry.receipt.as_str()).is_none() {
                    return Err(Mismatch::NeverCast {
                        seq: entry.seq,
                        receipt: entry.receipt.clone(),
                    });
                }
            }
        }
        previous = hash;
    }
    if previous != ballot_box.head {
        return Err(Mismatch::HeadDiffers);
    }
    Ok(standing)
}

/// The published ballots, each checked against its cast entry, counted.
fn count_ballots(
    ballot_box: &BallotBox,
    mut standing: HashMap<&str, &ChainEntry>,
) -> Result<FairResults, Mismatch> {
    let salt = ballot_box.salt.as_deref().unwrap_or_default();
    let known: std::collections::HashSet<i64> = ballot_box.ideas.iter().map(|i| i.id).collect();
    let mut counted: std::collections::HashSet<&str> = Default::default();
    let mut counts: HashMap<(Option<i64>, i64), i64> = HashMap::new();
    let mut per_origin: HashMap<Option<i64>, i64> = HashMap::new();
    for ballot in &ballot_box.ballots {
        let receipt = ballot.receipt.clone();
        let Some(cast) = standing.remove(ballot.receipt.as_str()) else {
            return Err(if counted.contains(ballot.receipt.as_str()) {
                Mismatch::CountedTwice { receipt }
            } else {
                Mismatch::NotInChain { receipt }
            });
        };
        if digest(salt, &ballot.receipt, &ballot.ideas, ballot.station) != cast.digest {
            return Err(Mismatch::Altered {
                receipt,
                seq: cast.seq,
            });
        }
        if let Some(&idea) = ballot.ideas.iter().find(|i| !known.contains(i)) {
            return Err(Mismatch::UnknownIdea { receipt, idea });
        }
        counted.insert(&ballot.receipt);
        *per_origin.entry(ballot.station).or_default() += 1;
        for &idea in &ballot.ideas {
            *counts.entry((ballot.station, idea)).or_default() += 1;
        }
    }
    if let Some(cast) = standing.values().min_by_key(|e| e.seq) {
        return Err(Mismatch::Missing {
            receipt: cast.receipt.clone(),
            seq: cast.seq,
        });
    }
    // The web first, then each station with ballots by its id, as the server orders them.
    let stations: HashMap<i64, &Station> = ballot_box
        .results
        .origins
        .iter()
        .filter_map(|o| o.station.as_ref().map(|s| (s.id, s)))
        .collect();
    let mut origins = vec![OriginTotal {
        station: None,
        ballots: per_origin.remove(&None).unwrap_or(0),
    }];
    let mut paper: Vec<(i64, i64)> = per_origin
        .into_iter()
        .filter_map(|(station, n)| station.map(|s| (s, n)))
        .collect();
    paper.sort_unstable();
    for (id, ballots) in paper {
        let station = stations.get(&id).map_or_else(
            || Station {
                id,
                name: String::new(),
                district: String::new(),
            },
            |s| (*s).clone(),
        );
        origins.push(OriginTotal {
            station: Some(station),
            ballots,
        });
    }
    let counts: Vec<Count> = counts
        .into_iter()
        .map(|((station, idea), votes)| (station, idea, votes))
        .collect();
    Ok(tally(
        ballot_box.fair_id,
        ballot_box.winners,
        &ballot_box.ideas,
        origins,
        &counts,
    ))
}

/// Where the recount and the published results part, if they do.
fn first_difference(recount: &FairResults, published: &FairResults) -> Option<Mismatch> {
    if recount == published {
        return None;
    }
    let station = |o: &OriginTotal| o.station.as_ref().map(|s| s.id);
    if let Some(n) = (0..recount.origins.len().max(published.origins.len()))
        .find(|&n| recount.origins.get(n) != published.origins.get(n))
    {
        let origin = recount.origins.get(n).or(published.origins.get(n));
        return Some(Mismatch::OriginDiffers {
            station: origin.and_then(station),
        });
    }
    let n = (0..recount.items.len().max(published.items.len()))
        .find(|&n| recount.items.get(n) != published.items.get(n))
        .unwrap_or(0);
    let row = recount.items.get(n).or(published.items.get(n));
    Some(Mismatch::ResultsDiffer {
        idea_id: row.map_or(0, |r| r.idea_id),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SALT: &str = "salt";

    /// A box of five ballots standing: three from the web (one of them
    /// replaced once), two from station 7 (a third voided).
    fn sample(publication: BallotPublication) -> BallotBox {
        let fair_id = 3;
        let ballots = vec![
            BoxBallot {
                receipt: "C".into(),
                ideas: vec![2],
                station: None,
            },
            BoxBallot {
                receipt: "A".into(),
                ideas: vec![1, 2],
                station: None,
            },
            BoxBallot {
                receipt: "F".into(),
                ideas: vec![1],
                station: None,
            },
            BoxBallot {
                receipt: "D".into(),
                ideas: vec![3],
                station: Some(7),
            },
            BoxBallot {
                receipt: "E".into(),
                ideas: vec![1, 3],
                station: Some(7),
            },
        ];
        let find = |r: &str| ballots.iter().find(|b| b.receipt == r).unwrap();
        let events = [
            (BallotEvent::Cast, "A"),
            (BallotEvent::Cast, "B"),
            (BallotEvent::Replaced, "B"),
            (BallotEvent::Cast, "C"),
            (BallotEvent::Cast, "D"),
            (BallotEvent::Cast, "G"),
            (BallotEvent::Voided, "G"),
            (BallotEvent::Cast, "E"),
            (BallotEvent::Cast, "F"),
        ];
        let mut previous = genesis(fair_id);
        let mut chain = Vec::new();
        for (n, (event, receipt)) in events.into_iter().enumerate() {
            let digest = match (event, receipt) {
                (BallotEvent::Cast, "B" | "G") => digest(SALT, receipt, &[4], None),
                (BallotEvent::Cast, _) => {
                    let b = find(receipt);
                    digest(SALT, receipt, &b.ideas, b.station)
                }
                _ => String::new(),
            };
            let hash = link(&previous, n as i64 + 1, event, receipt, &digest);
            chain.push(ChainEntry {
                seq: n as i64 + 1,
                event,
                receipt: receipt.into(),
                digest,
                hash: hash.clone(),
            });
            previous = hash;
        }
        let ideas: Vec<BoxIdea> = (1..=4)
            .map(|id| BoxIdea {
                id,
                title: Text {
                    kk: format!("idea {id}"),
                    ..Text::default()
                },
            })
            .collect();
        let station = Station {
            id: 7,
            name: "School 7".into(),
            district: "oral".into(),
        };
        let origins = vec![
            OriginTotal {
                station: None,
                ballots: 3,
            },
            OriginTotal {
                station: Some(station),
                ballots: 2,
            },
        ];
        let counts = [(None, 1, 2), (None, 2, 2), (Some(7), 1, 1), (Some(7), 3, 2)];
        let results = tally(fair_id, 2, &ideas, origins, &counts);
        BallotBox {
            fair_id,
            publication,
            salt: (publication == BallotPublication::Ballots).then(|| SALT.into()),
            winners: 2,
            ideas,
            ballots: if publication == BallotPublication::Ballots {
                ballots
            } else {
                Vec::new()
            },
            chain,
            head: previous,
            results,
        }
    }

    #[test]
    fn ties_share_a_rank_and_winners_need_a_vote() {
        let results = sample(BallotPublication::Ballots).results;
        let ranks: Vec<(i64, i64, i64, bool)> = results
            .items
            .iter()
            .map(|r| (r.idea_id, r.rank, r.votes, r.winner))
            .collect();
        assert_eq!(
            ranks,
            [
                (1, 1, 3, true),
                (2, 2, 2, true),
                (3, 2, 2, true),
                (4, 4, 0, false)
            ]
        );
        assert_eq!(results.ballots, 5);
        assert_eq!(results.items[0].by_origin, [2, 1]);
    }

    #[test]
    fn an_untouched_box_recounts_to_its_results() {
        for publication in BallotPublication::ALL {
            let ballot_box = sample(*publication);
            let recounted = recount(&ballot_box).unwrap();
            assert_eq!(recounted.results, ballot_box.results);
            assert_eq!(recounted.events, 9);
        }
    }

    #[test]
    fn a_dropped_ballot_is_missing_at_its_cast() {
        let mut ballot_box = sample(BallotPublication::Ballots);
        ballot_box.ballots.retain(|b| b.receipt != "D");
        assert_eq!(
            recount(&ballot_box),
            Err(Mismatch::Missing {
                receipt: "D".into(),
                seq: 5
            })
        );
    }

    #[test]
    fn a_changed_idea_is_altered_from_its_cast() {
        let mut ballot_box = sample(BallotPublication::Ballots);
        ballot_box.ballots[1].ideas = vec![1, 3];
        assert_eq!(
            recount(&ballot_box),
            Err(Mismatch::Altered {
                receipt: "A".into(),
                seq: 1
            })
        );
    }

    #[test]
    fn reordered_or_removed_entries_break_the_chain_where_they_start() {
        let mut ballot_box = sample(BallotPublication::Ballots);
        ballot_box.chain.swap(3, 4);
        assert_eq!(recount(&ballot_box), Err(Mismatch::ChainBroken { seq: 4 }));
        let mut ballot_box = sample(BallotPublication::Totals);
        ballot_box.chain.remove(6);
        assert_eq!(recount(&ballot_box), Err(Mismatch::ChainBroken { seq: 7 }));
        let mut ballot_box = sample(BallotPublication::Totals);
        ballot_box.head = genesis(3);
        assert_eq!(recount(&ballot_box), Err(Mismatch::HeadDiffers));
    }

    #[test]
    fn published_results_that_differ_are_named() {
        let mut ballot_box = sample(BallotPublication::Ballots);
        ballot_box.results.items[2].votes += 1;
        assert_eq!(
            recount(&ballot_box),
            Err(Mismatch::ResultsDiffer { idea_id: 3 })
        );
        let mut ballot_box = sample(BallotPublication::Ballots);
        ballot_box.ballots.push(ballot_box.ballots[0].clone());
        assert_eq!(
            recount(&ballot_box),
            Err(Mismatch::CountedTwice {
                receipt: "C".into()
            })
        );
        let mut ballot_box = sample(BallotPublication::Totals);
        ballot_box.results.ballots = 6;
        assert_eq!(
            recount(&ballot_box),
            Err(Mismatch::BallotsDiffer {
                chain: 5,
                published: 6
            })
        );
    }

    #[test]
    fn the_digest_ignores_the_ideas_order_but_not_the_station() {
        assert_eq!(
            digest(SALT, "A", &[2, 1], None),
            digest(SALT, "A", &[1, 2], None)
        );
        assert_ne!(
            digest(SALT, "A", &[1, 2], None),
            digest(SALT, "A", &[1, 2], Some(7))
        );
        assert_ne!(
            digest(SALT, "A", &[1], None),
            digest("other", "A", &[1], None)
        );
    }
}
