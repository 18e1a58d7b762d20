//! The API's request and response bodies.

use crate::ids::{Bin, Email, Iin, Phone};
use serde::{Deserialize, Serialize};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// The languages of the product, Kazakh first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Kk,
    Ru,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Kk, Lang::Ru, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .find(|l| code.eq_ignore_ascii_case(l.code()))
    }
}

/// Text that people read, in up to three languages; Kazakh is always there.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Text {
    pub kk: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ru: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Text {
    /// The text in `lang`, else the first present of kk → ru → en.
    pub fn get(&self, lang: Lang) -> &str {
        fn pick(s: &Option<String>) -> Option<&str> {
            s.as_deref().filter(|s| !s.is_empty())
        }
        let wanted = match lang {
            Lang::Kk => Some(self.kk.as_str()).filter(|s| !s.is_empty()),
            Lang::Ru => pick(&self.ru),
            Lang::En => pick(&self.en),
        };
        wanted
            .or(Some(self.kk.as_str()).filter(|s| !s.is_empty()))
            .or(pick(&self.ru))
            .or(pick(&self.en))
            .unwrap_or("")
    }
}

/// A list page: `{items, total, page, per_page}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
}

impl<T> Page<T> {
    pub fn pages(&self) -> u32 {
        let per_page = i64::from(self.per_page.max(1));
        u32::try_from((self.total + per_page - 1) / per_page).unwrap_or(u32::MAX)
    }
}

/// The cards on one page of the NGO directory (the app's page and the one the
/// server writes show the same).
pub const DIRECTORY_PER_PAGE: u32 = 20;

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Point {
    pub lat: f64,
    pub lon: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Health {
    pub status: String,
    pub version: String,
}

/// The city of Oral or one of the region's 12 districts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct District {
    pub slug: String,
    pub name: Text,
    pub kind: DistrictKind,
    pub center: Point,
}

/// One of the controlled vocabulary of NGO activity directions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Direction {
    pub slug: String,
    pub name: Text,
}

/// A figure broken down by a key (an initiative kind, a funding source, ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Count {
    pub key: String,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct YearAmount {
    pub year: i32,
    pub amount_kzt: i64,
}

/// The region's figures, computed from the records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Stats {
    pub ngos_registered: i64,
    pub ngos_active: i64,
    pub ngos_verified: i64,
    pub initiatives: i64,
    pub initiatives_by_kind: Vec<Count>,
    pub initiatives_by_funding: Vec<Count>,
    pub initiatives_by_status: Vec<Count>,
    pub patron_funded_events: i64,
    pub volunteers: i64,
    pub state_social_order_by_year: Vec<YearAmount>,
    pub fairs: i64,
    pub ideas: i64,
    /// True when the figures include demo records.
    pub demo: bool,
}

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The place in `ALL`, for tables that follow its order.
            pub fn index(self) -> usize {
                self as usize
            }

            pub fn from_code(code: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.code() == code)
            }
        }
    };
}
pub(crate) use vocabulary;

vocabulary!(
    /// What an initiative is.
    InitiativeKind {
        Event = "event",
        SmallProject = "small_project",
        Training = "training",
        Contest = "contest",
        Seminar = "seminar",
    }
);

vocabulary!(
    /// Where an initiative stands.
    InitiativeStatus {
        Planned = "planned",
        Ongoing = "ongoing",
        Done = "done",
    }
);

vocabulary!(
    /// Who pays for an initiative.
    Funding {
        Patron = "patron",
        StateSocialOrder = "state_social_order",
        Grant = "grant",
        Sponsor = "sponsor",
        OwnFunds = "own_funds",
    }
);

vocabulary!(
    /// The phases of an ideas fair, in order.
    FairPhase {
        Draft = "draft",
        Submission = "submission",
        Voting = "voting",
        Closed = "closed",
    }
);

vocabulary!(
    /// Who may vote in a fair.
    Electorate {
        /// Any valid IIN.
        Open = "open",
        /// Only the IINs on the fair's voter roll.
        Roll = "roll",
        /// Only the IINs the roll places in one of the districts the fair covers.
        District = "district",
    }
);

vocabulary!(
    /// Where a moderator's review of an NGO or an idea stands.
    Review {
        Pending = "pending",
        Approved = "approved",
        Rejected = "rejected",
    }
);

vocabulary!(
    /// Where a moderator's review of an initiative stands: approved ones are published.
    Publication {
        Pending = "pending",
        Published = "published",
        Rejected = "rejected",
    }
);

vocabulary!(
    /// Oral is the region's city; the others are districts.
    DistrictKind {
        City = "city",
        District = "district",
    }
);

vocabulary!(
    /// The orders of the NGO directory.
    NgoSort {
        /// By name, the default.
        Name = "name",
        /// Latest change first.
        Updated = "updated",
        /// Most volunteers first.
        Volunteers = "volunteers",
    }
);

/// An NGO as it appears in the directory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct NgoSummary {
    pub id: i64,
    pub name: Text,
    pub district: String,
    pub directions: Vec<String>,
    pub volunteers: i64,
    pub active: bool,
    pub verified: bool,
    pub demo: bool,
}

/// An NGO's public profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Ngo {
    pub id: i64,
    pub bin: Bin,
    pub name: Text,
    pub legal_form: String,
    /// `YYYY-MM-DD`
    pub registered_on: String,
    pub district: String,
    pub address: String,
    pub directions: Vec<String>,
    pub description: Text,
    pub phone: Option<Phone>,
    pub email: Option<Email>,
    pub website: Option<String>,
    /// Social network pages, http(s) only.
    pub social_links: Vec<String>,
    /// Where the logo is served, when the NGO uploaded one.
    pub logo_url: Option<String>,
    /// The NGO's approved ideas in the fairs, newest first.
    pub ideas: Vec<IdeaLink>,
    pub volunteers: i64,
    pub active: bool,
    pub verified: bool,
    pub demo: bool,
    pub version: i64,
    /// RFC 3339 UTC.
    pub updated_at: String,
}

/// An idea named from elsewhere, such as its NGO's profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct IdeaLink {
    pub id: i64,
    pub fair_id: i64,
    pub title: Text,
}

/// `POST /initiatives` and `PATCH /initiatives/{id}`: an NGO's initiative,
/// published after a moderator checks it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct InitiativeForm {
    pub title: Text,
    #[serde(default)]
    pub description: Text,
    pub kind: InitiativeKind,
    pub status: InitiativeStatus,
    pub funding: Funding,
    pub amount_kzt: Option<i64>,
    pub district: String,
    pub location: Point,
    /// `YYYY-MM-DD`
    pub starts_on: String,
    pub ends_on: Option<String>,
    #[serde(default)]
    pub volunteers: i64,
}

/// An initiative waiting for a moderator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PendingInitiative {
    pub id: i64,
    pub ngo_name: Option<Text>,
    pub title: Text,
    pub kind: InitiativeKind,
    pub district: String,
    pub starts_on: String,
    pub submitted_at: String,
}

/// `GET /map`: where the map's tiles come from; none configured, the map draws
/// on a plain background.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct MapConfig {
    /// A Leaflet tile URL template, e.g. `https://tile.example.kz/{z}/{x}/{y}.png`.
    pub tile_url: Option<String>,
    pub attribution: Option<String>,
}

/// `POST /ngos/register`: an NGO asks for an account; pending until a moderator decides.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NgoRegistration {
    pub bin: String,
    pub name: Text,
    pub legal_form: String,
    /// `YYYY-MM-DD`, the date of state registration.
    pub registered_on: String,
    pub district: String,
    pub email: String,
    pub password: String,
}

/// A registration as checked: what the server acts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registration {
    pub bin: Bin,
    pub name: Text,
    pub legal_form: String,
    pub registered_on: String,
    pub district: String,
    pub email: Email,
    pub password: String,
}

/// The answer to a registration: the NGO's id, pending moderation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Registered {
    pub ngo_id: i64,
    pub status: Review,
}

/// `PATCH /ngos/{id}`: the part of a profile its NGO keeps, sent whole.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NgoProfile {
    pub name: Text,
    pub legal_form: String,
    pub district: String,
    pub address: String,
    pub directions: Vec<String>,
    pub description: Text,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub social_links: Vec<String>,
    pub volunteers: i64,
    pub active: bool,
}

/// A profile as checked and tidied: text trimmed, empty optional fields as
/// `None`, directions sorted once each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProfileChange {
    pub name: Text,
    pub legal_form: String,
    pub district: String,
    pub address: String,
    pub directions: Vec<String>,
    pub description: Text,
    pub phone: Option<Phone>,
    pub email: Option<Email>,
    pub website: Option<String>,
    pub social_links: Vec<String>,
    pub volunteers: i64,
    pub active: bool,
}

impl From<&Ngo> for NgoProfile {
    fn from(ngo: &Ngo) -> Self {
        NgoProfile {
            name: ngo.name.clone(),
            legal_form: ngo.legal_form.clone(),
            district: ngo.district.clone(),
            address: ngo.address.clone(),
            directions: ngo.directions.clone(),
            description: ngo.description.clone(),
            phone: ngo.phone.clone().map(String::from),
            email: ngo.email.clone().map(String::from),
            website: ngo.website.clone(),
            social_links: ngo.social_links.clone(),
            volunteers: ngo.volunteers,
            active: ngo.active,
        }
    }
}

/// An NGO's application waiting for a moderator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PendingNgo {
    pub id: i64,
    pub bin: Bin,
    pub name: Text,
    pub legal_form: String,
    pub registered_on: String,
    pub district: String,
    pub email: Email,
    pub submitted_at: String,
}

/// An event, project, training, contest or seminar on the region's map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Initiative {
    pub id: i64,
    pub ngo_id: Option<i64>,
    pub ngo_name: Option<Text>,
    pub title: Text,
    pub description: Text,
    pub kind: InitiativeKind,
    pub status: InitiativeStatus,
    pub funding: Funding,
    pub amount_kzt: Option<i64>,
    pub district: String,
    pub location: Point,
    /// `YYYY-MM-DD`
    pub starts_on: String,
    pub ends_on: Option<String>,
    pub volunteers: i64,
    pub demo: bool,
    pub version: i64,
    pub updated_at: String,
}

/// A fair of socially significant projects and ideas.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Fair {
    pub id: i64,
    pub title: Text,
    pub description: Text,
    pub phase: FairPhase,
    pub submission_starts_at: Option<String>,
    pub voting_starts_at: Option<String>,
    pub voting_ends_at: Option<String>,
    pub votes_per_voter: i64,
    pub winners: i64,
    pub results_live: bool,
    /// What the fair publishes of its ballots when voting closes: fixed once
    /// voting opens, and shown to voters before they vote.
    pub publication: crate::BallotPublication,
    pub ideas: i64,
    pub electorate: Electorate,
    /// The districts (slugs) a fair of the `district` electorate covers.
    pub districts: Vec<String>,
    /// The IINs on the fair's voter roll.
    pub roll_size: i64,
    pub demo: bool,
    /// Sent back in `If-Match` when changing the fair.
    pub version: i64,
}

impl Fair {
    /// True while the fair is in its voting phase and `now` (RFC 3339 UTC) is
    /// inside its voting window. The server's clock is the one that decides.
    pub fn voting_open(&self, now: &str) -> bool {
        self.phase == FairPhase::Voting
            && self
                .voting_starts_at
                .as_deref()
                .is_none_or(|start| start <= now)
            && self.voting_ends_at.as_deref().is_none_or(|end| now < end)
    }
}

/// The funding an idea has found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct IdeaFunding {
    pub sponsor: String,
    pub amount_kzt: i64,
    pub memorandum_signed: bool,
}

/// A project idea submitted to a fair.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Idea {
    pub id: i64,
    pub fair_id: i64,
    pub ngo_id: Option<i64>,
    pub ngo_name: Option<Text>,
    pub title: Text,
    pub summary: Text,
    pub description: Text,
    pub district: Option<String>,
    pub budget_kzt: i64,
    pub directions: Vec<String>,
    pub funding: Option<IdeaFunding>,
    pub demo: bool,
}

/// One idea's place in a fair's results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ResultRow {
    pub rank: i64,
    pub idea_id: i64,
    pub title: Text,
    pub votes: i64,
    pub winner: bool,
    /// The votes by channel, in the order of the results' `origins`.
    pub by_origin: Vec<i64>,
}

/// A fair's ranking, counted from the stored ballots.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct FairResults {
    pub fair_id: i64,
    pub ballots: i64,
    pub winners: i64,
    pub items: Vec<ResultRow>,
    /// The ballots by channel: the web first, then each station with ballots.
    pub origins: Vec<OriginTotal>,
}

/// `POST /voters/otp`: who asks to vote, and the phone that gets the code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OtpRequest {
    pub iin: String,
    pub phone: String,
    /// The fair the voter means to vote in: a fair with a voter roll refuses
    /// an IIN not on it before any code is sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fair_id: Option<i64>,
}

/// A request for a code as checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoterClaim {
    pub iin: Iin,
    pub phone: Phone,
    pub fair_id: Option<i64>,
}

/// `POST /fairs/{id}/eligibility`: may this IIN vote in this fair?
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EligibilityRequest {
    pub iin: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Eligibility {
    pub eligible: bool,
}

/// What a batch of a voter roll's import did. The roll in force changes only
/// with the last batch, and then `roll_size` says how many IINs it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct RollReport {
    pub batch: i64,
    pub of: i64,
    /// Lines of this batch taken onto the roll.
    pub accepted: i64,
    /// Lines whose IIN was already on it (in this batch or an earlier one).
    pub duplicates: i64,
    pub roll_size: Option<i64>,
}

/// The answer to `POST /voters/otp`: the code is on its way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OtpSent {
    pub expires_at: String,
}

/// `POST /voters/verify`: the phone and the code it received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct VerifyRequest {
    pub phone: String,
    pub code: String,
}

/// A code to check, as checked: the phone and the code's six digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeClaim {
    pub phone: Phone,
    pub code: String,
}

/// A verified voter's bearer token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct VoterSession {
    pub voter_token: String,
    pub expires_at: String,
}

/// `PUT /fairs/{id}/ballot`: the ideas a voter chooses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BallotRequest {
    pub idea_ids: Vec<i64>,
}

/// A voter's ballot in one fair; no `updated_at` while nothing is saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Ballot {
    pub fair_id: i64,
    pub idea_ids: Vec<i64>,
    pub updated_at: Option<String>,
    /// Cast on paper at a station: its ideas are not shown, and it cannot be
    /// changed online.
    #[serde(default)]
    pub paper: bool,
    /// The saved ballot's receipt, to write down and find later (none for a
    /// paper ballot: its voter has it on paper).
    #[serde(default)]
    pub receipt: Option<String>,
}

vocabulary!(
    /// What became of the ballot a receipt was given for.
    ReceiptState {
        /// It is in the count.
        Counted = "counted",
        /// Its voter changed their ballot since: the new one has a new receipt.
        Replaced = "replaced",
        /// A registrar voided the paper ballot.
        Voided = "voided",
    }
);

/// `GET /fairs/{id}/receipts/{code}`: what became of a receipt's ballot, never its ideas.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct ReceiptCheck {
    pub fair_id: i64,
    pub receipt: String,
    pub state: ReceiptState,
}

vocabulary!(
    /// Who an account is.
    Role {
        /// The regional internal-policy department or the Civil Resource Centre.
        Moderator = "moderator",
        /// An NGO's own account.
        Ngo = "ngo",
        /// Staff at a station (a district akimat, the Civil Resource Centre)
        /// who enter paper ballots.
        Registrar = "registrar",
    }
);

/// Where citizens without a smartphone vote on paper: a registrar enters
/// their ballots there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Station {
    pub id: i64,
    pub name: String,
    /// The district's slug.
    pub district: String,
}

/// `POST /admin/stations`: a new station.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewStation {
    pub name: String,
    pub district: String,
}

/// `POST /admin/registrars`: a registrar's account at a station, with the
/// password the moderator hands over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewRegistrar {
    pub email: String,
    pub password: String,
    pub station_id: i64,
}

/// A registrar's account as checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistrarAccount {
    pub email: Email,
    pub password: String,
    pub station_id: i64,
}

/// `POST /fairs/{id}/paper-ballots`: a paper ballot as the registrar reads it:
/// the IIN from the voter's ID card and the ideas marked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PaperBallotRequest {
    pub iin: String,
    pub idea_ids: Vec<i64>,
}

/// A paper ballot as checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaperBallotClaim {
    pub iin: Iin,
    pub idea_ids: Vec<i64>,
}

/// A paper ballot a registrar entered: never its ideas, which no registrar
/// may read back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PaperBallot {
    pub id: i64,
    pub fair_id: i64,
    pub entered_at: String,
    /// Until when the registrar who entered it may void it.
    pub void_until: String,
    /// The receipt the registrar writes down for the voter.
    pub receipt: String,
}

/// `POST /paper-ballots/{id}/void`: why a ballot entered by mistake is voided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct VoidRequest {
    pub reason: String,
}

/// A voided paper ballot, as moderators see it: where, by whom, when, why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct VoidedBallot {
    pub id: i64,
    pub fair_id: i64,
    pub station: String,
    pub registrar: String,
    pub entered_at: String,
    pub voided_at: String,
    pub reason: String,
}

/// How many ballots came through one channel: the web (no station) or a station.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct OriginTotal {
    pub station: Option<Station>,
    pub ballots: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Account {
    pub id: i64,
    pub email: Email,
    pub role: Role,
    pub ngo_id: Option<i64>,
    /// A registrar's station.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub station: Option<Station>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct LoginResponse {
    pub token: String,
    pub expires_at: String,
    pub account: Account,
}

/// `POST /admin/fairs`: a new fair, in its draft phase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewFair {
    pub title: Text,
    #[serde(default)]
    pub description: Text,
    pub votes_per_voter: Option<i64>,
    pub winners: Option<i64>,
    pub results_live: Option<bool>,
    #[serde(default)]
    pub publication: Option<crate::BallotPublication>,
    #[serde(default)]
    pub electorate: Option<Electorate>,
    #[serde(default)]
    pub districts: Option<Vec<String>>,
}

/// `PATCH /admin/fairs/{id}`: only the fields given change. The phase moves
/// forward only: draft → submission → voting → closed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FairChange {
    pub phase: Option<FairPhase>,
    pub votes_per_voter: Option<i64>,
    pub winners: Option<i64>,
    pub results_live: Option<bool>,
    /// What the fair publishes of its ballots: fixed once voting opens.
    pub publication: Option<crate::BallotPublication>,
    /// RFC 3339 UTC.
    pub voting_ends_at: Option<String>,
    /// Who may vote: fixed once voting opens.
    pub electorate: Option<Electorate>,
    pub districts: Option<Vec<String>>,
}

/// `POST /fairs/{id}/ideas`: an idea for the fair, pending until moderated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewIdea {
    pub title: Text,
    pub summary: Text,
    #[serde(default)]
    pub description: Text,
    pub district: Option<String>,
    pub budget_kzt: i64,
    #[serde(default)]
    pub directions: Vec<String>,
}

/// An idea waiting for a moderator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct PendingIdea {
    pub id: i64,
    pub fair_id: i64,
    pub title: Text,
    pub summary: Text,
    pub budget_kzt: i64,
    pub submitted_at: String,
}

/// `POST /admin/ideas/{id}/reject`: why; `approve` takes no body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Rejection {
    pub reason: String,
}

/// `PUT /admin/ideas/{id}/funding`: the funding an idea found, or `null` to clear it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FundingChange {
    pub funding: Option<IdeaFunding>,
}

/// What waits for moderators.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Queue {
    pub ngos: Vec<PendingNgo>,
    pub ideas: Vec<PendingIdea>,
    pub initiatives: Vec<PendingInitiative>,
    /// Set while this hour's SMS budget is spent and codes are refused.
    pub sms_budget_spent: Option<SmsBudgetSpent>,
}

/// The region's SMS budget, spent for this hour: no code is sent until it renews.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct SmsBudgetSpent {
    pub per_hour: i64,
    /// Seconds until the budget renews.
    pub renews_in: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_falls_back_kk_ru_en() {
        let only_ru = Text {
            kk: String::new(),
            ru: Some("Орал".into()),
            en: None,
        };
        assert_eq!(only_ru.get(Lang::En), "Орал");
        let full = Text {
            kk: "Орал".into(),
            ru: Some("Уральск".into()),
            en: Some("Oral".into()),
        };
        assert_eq!(full.get(Lang::Ru), "Уральск");
        assert_eq!(full.get(Lang::En), "Oral");
        let kk = Text {
            kk: "Орал".into(),
            ru: Some(String::new()),
            en: None,
        };
        assert_eq!(kk.get(Lang::Ru), "Орал");
    }

    #[test]
    fn vocabularies_round_trip_their_codes() {
        for k in InitiativeKind::ALL {
            assert_eq!(InitiativeKind::from_code(k.code()), Some(*k));
            assert_eq!(InitiativeKind::ALL[k.index()], *k);
            assert_eq!(
                serde_json::to_string(k).unwrap(),
                format!("\"{}\"", k.code())
            );
        }
        assert_eq!(
            Funding::from_code("state_social_order"),
            Some(Funding::StateSocialOrder)
        );
        assert_eq!(FairPhase::from_code("open"), None);
    }

    #[test]
    fn page_counts_pages() {
        let page = |total| Page::<()> {
            items: vec![],
            total,
            page: 1,
            per_page: 50,
        };
        assert_eq!(page(0).pages(), 0);
        assert_eq!(page(50).pages(), 1);
        assert_eq!(page(51).pages(), 2);
    }
}
