-- wrk script for bench/admission.sh: POSTs the AdmissionReview in $REVIEW to /validate, each connection pausing
-- $DELAY_MS between requests so that CONNECTIONS connections hold about the target rate.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local file = assert(io.open(os.getenv("REVIEW"), "r"))
wrk.body = file:read("*a")
file:close()
local pause = tonumber(os.getenv("DELAY_MS") or "0")

function delay()
  return pause
end
