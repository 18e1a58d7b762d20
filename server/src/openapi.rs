//! The OpenAPI 3.1 document, generated from the handlers' annotations.

use crate::routes::{
    accounts, admin, audit, ballot_box, ballots, export, fairs, initiatives, meta, ngos, paper,
    rolls, stats, voters,
};
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Bastama public API",
        description = "The public JSON API of Bastama, the civic-participation app of the West Kazakhstan region."
    ),
    paths(
        meta::health,
        meta::districts,
        meta::directions,
        stats::stats,
        ngos::list,
        ngos::one,
        ngos::register,
        ngos::update,
        ngos::put_logo,
        ngos::logo,
        initiatives::list,
        initiatives::one,
        initiatives::create,
        initiatives::update,
        meta::map,
        fairs::list,
        fairs::one,
        fairs::ideas,
        fairs::results,
        fairs::results_csv,
        export::ngos_csv,
        export::initiatives_csv,
        export::initiatives_geojson,
        voters::request_code,
        voters::verify,
        ballots::get_ballot,
        ballots::put_ballot,
        fairs::submit_idea,
        accounts::login,
        accounts::logout,
        accounts::me,
        admin::list_fairs,
        admin::create_fair,
        admin::set_funding,
        admin::change_fair,
        rolls::put_roll,
        rolls::eligibility,
        paper::list_stations,
        paper::create_station,
        paper::create_registrar,
        paper::enter,
        paper::entered,
        paper::void,
        paper::voids,
        ballots::check_receipt,
        ballot_box::head,
        ballot_box::ballots_json,
        ballot_box::ballots_csv,
        ballot_box::protocol,
        audit::list,
        audit::csv,
        audit::public,
        admin::queue,
        admin::approve_idea,
        admin::reject_idea,
        admin::approve_ngo,
        admin::reject_ngo,
        admin::approve_initiative,
        admin::reject_initiative,
    ),
    modifiers(&BearerTokens)
)]
pub struct ApiDoc;

/// Describes the bearer tokens: a verified voter's (`voter`) and, for accounts, `account`.
struct BearerTokens;

impl utoipa::Modify for BearerTokens {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        for name in ["voter", "account"] {
            components.add_security_scheme(
                name,
                SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
            );
        }
    }
}
