const VIEWS = ["customers", "licenses", "jobs", "installations", "notices", "releases", "channels", "mails"];
const $ = id => document.getElementById(id);
function cell(tag, text) { const e = document.createElement(tag); e.textContent = text; return e; }
async function show(view) {
  $("view-error").textContent = "";
  for (const b of $("views").children) b.setAttribute("aria-pressed", b.dataset.view === view);
  const r = await fetch("/staff/v1/views/" + view, {credentials: "same-origin"});
  if (r.status === 401) { signedOut(); return; }
  const rows = await r.json();
  if (!r.ok) { $("view-error").textContent = rows.error; return; }
  $("head").replaceChildren(); $("rows").replaceChildren();
  if (rows.length === 0) { $("rows").append(cell("tr", "")); $("rows").firstChild.append(cell("td", "none yet")); return; }
  const tr = document.createElement("tr");
  Object.keys(rows[0]).forEach(k => tr.append(cell("th", k.replaceAll("_", " "))));
  $("head").append(tr);
  for (const row of rows) {
    const line = document.createElement("tr");
    Object.values(row).forEach(v => line.append(cell("td", v === null ? "" : Array.isArray(v) ? v.join(", ") : String(v))));
    $("rows").append(line);
  }
}
function signedIn(email) {
  $("signin").hidden = true; $("view").hidden = false; $("views").hidden = false; $("signout").hidden = false;
  $("who").textContent = email || "";
  show("customers");
}
function signedOut() {
  $("signin").hidden = false; $("view").hidden = true; $("views").hidden = true; $("signout").hidden = true;
  $("who").textContent = "";
}
for (const v of VIEWS) {
  const b = cell("button", v); b.dataset.view = v; b.onclick = () => show(v); $("views").append(b);
}
$("signin").onsubmit = async e => {
  e.preventDefault();
  $("signin-error").textContent = "";
  const r = await fetch("/staff/sign-in", {method: "POST", headers: {"Content-Type": "application/json"},
    body: JSON.stringify({email: $("email").value, key: $("key").value})});
  const b = await r.json();
  $("key").value = "";
  if (r.ok) signedIn(b.email); else $("signin-error").textContent = b.error;
};
$("signout").onclick = async () => {
  await fetch("/staff/sign-out", {method: "POST", headers: {"X-Requested-By": "brain-staff"}});
  signedOut();
};
fetch("/staff/v1/views/customers").then(r => r.ok ? signedIn("") : signedOut());
