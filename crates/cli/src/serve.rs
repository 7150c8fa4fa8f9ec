//! `rasid serve`: the API and dashboard over a store. Wiring only; the server is in
//! rasid-server.

use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;

#[derive(clap::Args)]
pub struct ServeArgs {
    #[command(flatten)]
    db: crate::corpus::DbArgs,
    /// Address to listen on. Loopback by default: other machines reach the server only when
    /// you say so (e.g. 0.0.0.0), and then only writes with the token change anything.
    #[arg(long, default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// Port (0 picks a free one and prints it).
    #[arg(long, default_value_t = 8377)]
    port: u16,
    /// Token for write endpoints (reviews, posted documents); without it they are disabled.
    #[arg(long, env = "RASID_TOKEN", hide_env_values = true)]
    token: Option<String>,
    /// Largest request body, in kilobytes.
    #[arg(long, default_value_t = 1024)]
    max_body_kb: usize,
    /// Threads serving requests (default: one per core).
    #[arg(long)]
    threads: Option<usize>,
    #[command(flatten)]
    data: crate::DataArgs,
}

pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    if let Some(t) = &args.token {
        anyhow::ensure!(t.len() >= 8, "--token must be at least 8 characters");
    }
    let db = args.db.path()?;
    let pipeline = Arc::new(args.data.pipeline()?);
    let state = rasid_server::AppState::new(
        rasid_server::Settings {
            db: db.clone(),
            token: args.token.clone(),
            max_body: args.max_body_kb * 1024,
        },
        pipeline,
    )?;
    let app = rasid_server::app(state);
    let mut rt = tokio::runtime::Builder::new_multi_thread();
    if let Some(n) = args.threads {
        rt.worker_threads(n.max(1));
    }
    let rt = rt
        .enable_all()
        .build()
        .context("starting the server's runtime")?;
    rt.block_on(async {
        let listener = tokio::net::TcpListener::bind((args.bind, args.port))
            .await
            .with_context(|| format!("listening on {}:{}", args.bind, args.port))?;
        let addr = listener.local_addr()?;
        eprintln!(
            "rasid: serving {} on http://{addr}/ (API at /api, its description at /api/docs); writes {}; Ctrl-C stops",
            db.display(),
            if args.token.is_some() { "need the token" } else { "disabled (no --token)" }
        );
        rasid_server::serve(listener, app).await?;
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}
