//! API tests: the real server on a random port, a fresh database each, over HTTP.

mod helpers;
mod meta;
mod ngos;
mod initiatives;
mod fairs;
mod web;
