//! API tests: the real server on a random port, a fresh database each, over HTTP.

mod export;
mod fairs;
mod helpers;
mod initiatives;
mod meta;
mod moderation;
mod ngos;
mod two_servers;
mod voting;
mod web;
