//! The app's pages and the paths that show them, in one table: the web app
//! chooses what to show by it (the server serves every path outside the API
//! with the app's one page, and `/embed/...` as the embed views).

/// A page of the app. The id in a path (`/fair/3/vote`) is read by the page itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Home,
    Initiatives,
    Initiative,
    Fairs,
    Fair,
    Vote,
    Results,
    Protocol,
    Propose,
    Ngos,
    Ngo,
    Map,
    NewInitiative,
    EditInitiative,
    Stats,
    Moderation,
    Audit,
    Station,
    Account,
    Register,
    NotFound,
}

/// Where a path (below the base) leads: the page, and whether it is an embed
/// view (`/embed/...`), which portals may frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Route {
    pub page: Page,
    pub embed: bool,
}

impl Route {
    pub fn of(path: &str) -> Route {
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let (embed, page) = match segments.as_slice() {
            [] => (false, Page::Home),
            ["initiatives"] => (false, Page::Initiatives),
            ["initiatives", _] => (false, Page::Initiative),
            ["fair"] => (false, Page::Fairs),
            ["fair", _] => (false, Page::Fair),
            ["fair", _, "vote"] => (false, Page::Vote),
            ["fair", _, "results"] => (false, Page::Results),
            ["fair", _, "protocol"] => (false, Page::Protocol),
            ["fair", _, "propose"] => (false, Page::Propose),
            ["ngos"] => (false, Page::Ngos),
            ["ngos", _] => (false, Page::Ngo),
            ["map"] => (false, Page::Map),
            ["map", "new"] => (false, Page::NewInitiative),
            ["map", "edit", _] => (false, Page::EditInitiative),
            ["stats"] => (false, Page::Stats),
            ["moderation"] => (false, Page::Moderation),
            ["moderation", "audit"] => (false, Page::Audit),
            ["station"] => (false, Page::Station),
            ["account"] => (false, Page::Account),
            ["account", "register"] => (false, Page::Register),
            ["embed", "fair", _] => (true, Page::Vote),
            ["embed", "fair", _, "results"] => (true, Page::Results),
            ["embed", "map"] => (true, Page::Map),
            ["embed", "ngos"] => (true, Page::Ngos),
            ["embed", "ngo", _] => (true, Page::Ngo),
            ["embed", ..] => (true, Page::NotFound),
            _ => (false, Page::NotFound),
        };
        Route { page, embed }
    }

    /// The record id in a path (`/fair/3/vote`, `/embed/ngo/3`, `/map/edit/3`):
    /// its first segment that is a number; 0, which names nothing, when none is.
    pub fn id(path: &str) -> i64 {
        path.split('/').find_map(|s| s.parse().ok()).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_path_of_the_app_leads_to_its_page() {
        let table = [
            ("/", Page::Home, false),
            ("/initiatives", Page::Initiatives, false),
            ("/initiatives/4", Page::Initiative, false),
            ("/fair", Page::Fairs, false),
            ("/fair/1", Page::Fair, false),
            ("/fair/1/vote", Page::Vote, false),
            ("/fair/1/results", Page::Results, false),
            ("/fair/1/protocol", Page::Protocol, false),
            ("/fair/1/propose", Page::Propose, false),
            ("/ngos", Page::Ngos, false),
            ("/ngos/7", Page::Ngo, false),
            ("/map", Page::Map, false),
            ("/map/new", Page::NewInitiative, false),
            ("/map/edit/2", Page::EditInitiative, false),
            ("/stats", Page::Stats, false),
            ("/moderation", Page::Moderation, false),
            ("/moderation/audit", Page::Audit, false),
            ("/station", Page::Station, false),
            ("/account", Page::Account, false),
            ("/account/register", Page::Register, false),
            ("/embed/fair/1", Page::Vote, true),
            ("/embed/fair/1/results", Page::Results, true),
            ("/embed/map", Page::Map, true),
            ("/embed/ngos", Page::Ngos, true),
            ("/embed/ngo/3", Page::Ngo, true),
            ("/embed/stats", Page::NotFound, true),
            ("/nowhere", Page::NotFound, false),
            ("/fair/1/vote/more", Page::NotFound, false),
        ];
        for (path, page, embed) in table {
            assert_eq!(Route::of(path), Route { page, embed }, "{path}");
        }
        // A trailing slash leads where the path without it does.
        assert_eq!(Route::of("/ngos/").page, Page::Ngos);
    }

    #[test]
    fn the_id_is_the_first_number_of_the_path() {
        assert_eq!(Route::id("/fair/12/vote"), 12);
        assert_eq!(Route::id("/embed/ngo/3"), 3);
        assert_eq!(Route::id("/map/edit/5"), 5);
        assert_eq!(Route::id("/ngos/abc"), 0);
    }
}
