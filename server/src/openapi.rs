//! The OpenAPI 3.1 document, generated from the handlers' annotations.

use crate::routes::{export, fairs, initiatives, meta, ngos, stats};
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
        initiatives::list,
        initiatives::one,
        fairs::list,
        fairs::one,
        fairs::ideas,
        fairs::results,
        fairs::results_csv,
        export::ngos_csv,
        export::initiatives_csv,
        export::initiatives_geojson,
    )
)]
pub struct ApiDoc;
