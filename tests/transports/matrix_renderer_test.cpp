// What Relais sends to Matrix: escaped HTML, notices, reactions standing in for buttons, edits.
#include <doctest/doctest.h>

#include "bot/transports/matrix/matrix_html.hpp"
#include "bot/transports/matrix/matrix_registration.hpp"
#include "bot/transports/matrix/matrix_renderer.hpp"
#include "support/text.hpp"

using namespace relais;
using json = nlohmann::json;
using relais::testing::contains;

TEST_CASE("Markdown becomes the HTML subset Matrix renders, with everything typed escaped") {
  CHECK(matrix::markdown_to_html("**Hi** <script>alert(1)</script> & `a<b`") ==
        "<p><strong>Hi</strong> &lt;script&gt;alert(1)&lt;/script&gt; &amp; <code>a&lt;b</code></p>");
  CHECK(matrix::markdown_to_html("- one\n- two\n\n1. first\n> quoted") ==
        "<ul><li>one</li><li>two</li></ul><ol><li>first</li></ol><blockquote>quoted</blockquote>");
  CHECK(matrix::markdown_to_html("[guide](https://intra.example/a?b=1&c=2)") ==
        "<p><a href=\"https://intra.example/a?b=1&amp;c=2\">guide</a></p>");
  CHECK(matrix::markdown_to_html("[x](javascript:alert(1))") == "<p>[x](javascript:alert(1))</p>");
  CHECK(matrix::markdown_to_html("[x](https://a.example/\"onclick=\"y)") == "<p>[x](https://a.example/&quot;onclick=&quot;y)</p>");
  CHECK(matrix::markdown_to_plain("**Hi** see [guide](https://intra.example/g)") == "Hi see guide (https://intra.example/g)");
}

TEST_CASE("a message is a notice with a plain body, HTML and its mentions") {
  core::OutboundMessage m{"**Bart Peeters** is looking at your question #4."};
  m.mentions = {"bart.peeters"};
  const auto r = matrix::render_message(m, {"React with", "Reply to this message to use"},
                                        {{"@bart:example.org", "Bart Peeters"}});
  CHECK(r.content["msgtype"] == "m.notice");
  CHECK(r.content["body"] == "Bart Peeters is looking at your question #4.");
  CHECK(r.content["format"] == "org.matrix.custom.html");
  CHECK(contains(r.content["formatted_body"].get<std::string>(),
                 "<a href=\"https://matrix.to/#/@bart:example.org\">Bart Peeters</a>"));
  CHECK(r.content["m.mentions"]["user_ids"] == json::array({"@bart:example.org"}));
  CHECK(r.choices.empty());
}

TEST_CASE("buttons become reactions (fixed emoji where obvious, then numbers) and one reply") {
  core::OutboundMessage m{"Question #4"};
  m.buttons = {{.label = "Claim", .action = "claim", .args = {{"question", 4}}},
               {.label = "Pass", .action = "pass", .args = {{"question", 4}}},
               {.label = "Answer", .action = "answer", .args = {{"question", 4}}, .input_placeholder = "Your answer"},
               {.label = "Outlook", .action = "faq_pick", .args = {{"entry", "a"}}},
               {.label = "Teams", .action = "faq_pick", .args = {{"entry", "b"}}}};
  const auto r = matrix::render_message(m, {"React with", "Reply to this message to use"}, {});
  REQUIRE(r.choices.size() == 5);
  CHECK(r.choices[0].key == "✋");
  CHECK(r.choices[1].key == "⏭️");
  CHECK(r.choices[2].key == matrix::reply_key);
  CHECK(r.choices[3].key == "1️⃣");
  CHECK(r.choices[4].key == "2️⃣");
  CHECK(r.choices[4].button.args["entry"] == "b");
  const auto body = r.content["body"].get<std::string>();
  CHECK(contains(body, "React with: ✋ Claim · ⏭️ Pass · 1️⃣ Outlook · 2️⃣ Teams"));
  CHECK(contains(body, "✍️ Reply to this message to use Answer"));
}

TEST_CASE("a scale's numbers are pressed with their own keycaps, 0 to 10") {
  std::vector<core::Button> scale;
  for (int v = 0; v <= 10; ++v) scale.push_back({.label = std::to_string(v), .action = "survey_answer", .args = {{"value", v}}});
  const auto choices = matrix::choices_for(scale);
  REQUIRE(choices.size() == 11);
  CHECK(choices[0].key == "0️⃣");
  CHECK(choices[7].key == "7️⃣");
  CHECK(choices[10].key == "🔟");
  CHECK(choices[10].button.args["value"] == 10);
}

TEST_CASE("a card shows its title, facts, body and status") {
  core::OutboundMessage m;
  m.card = core::Card{.key = "question:4", .title = "Question #4", .facts = {{"Asked by", "Amélie <A&B>"}},
                      .body = "How do I share?", .status = "Claimed by Bart"};
  const auto r = matrix::render_message(m, {"React with", "Reply"}, {});
  CHECK(r.content["body"] == "Question #4\nAsked by: Amélie <A&B>\n\nHow do I share?\n\nClaimed by Bart");
  CHECK(contains(r.content["formatted_body"].get<std::string>(), "<strong>Asked by:</strong> Amélie &lt;A&amp;B&gt;"));
}

TEST_CASE("threads and edits have the spec's relations") {
  const json content = {{"msgtype", "m.notice"}, {"body", "hello"}, {"format", "org.matrix.custom.html"},
                        {"formatted_body", "<p>hello</p>"}};
  const auto threaded = matrix::in_thread(content, "$root");
  CHECK(threaded["m.relates_to"]["rel_type"] == "m.thread");
  CHECK(threaded["m.relates_to"]["event_id"] == "$root");
  CHECK(threaded["m.relates_to"]["is_falling_back"] == true);

  const auto edit = matrix::edit_of(threaded, "$orig");
  CHECK(edit["m.relates_to"] == json({{"rel_type", "m.replace"}, {"event_id", "$orig"}}));
  CHECK(edit["body"] == "* hello");
  CHECK(edit["m.new_content"]["body"] == "hello");
  CHECK_FALSE(edit["m.new_content"].contains("m.relates_to"));
  CHECK(edit["m.mentions"] == json::object());
}

TEST_CASE("a registration round-trips, with fresh distinct tokens and an exclusive namespace") {
  const auto a = matrix::new_registration("http://relais.internal:8080", "relais", "example.org");
  const auto b = matrix::new_registration("http://relais.internal:8080", "relais", "example.org");
  CHECK(a.as_token.size() == 64);
  CHECK(a.as_token != a.hs_token);
  CHECK(a.as_token != b.as_token);
  const auto yaml = matrix::to_yaml(a);
  CHECK(contains(yaml, "regex: \"@relais(_.*)?:example\\\\.org\""));
  CHECK(contains(yaml, "exclusive: true"));
  const auto back = matrix::parse_registration(yaml, "reg.yaml");
  REQUIRE(back);
  CHECK(back->as_token == a.as_token);
  CHECK(back->hs_token == a.hs_token);
  CHECK(back->url == "http://relais.internal:8080");
  CHECK(back->sender_localpart == "relais");

  CHECK(matrix::parse_registration("id: relais\nurl: http://x\nas_token: a\nsender_localpart: r\n", "reg.yaml").error() ==
        "reg.yaml: the registration has no \"hs_token\"");
  CHECK(matrix::parse_registration("id relais\n", "reg.yaml").error() == "reg.yaml:1: expected \"key: value\"");
  CHECK(matrix::parse_registration("id: r\nurl: u\nas_token: same\nhs_token: same\nsender_localpart: r\n", "f")
            .error() == "f: as_token and hs_token must differ");
}
