#include "skills/registry.hpp"

#include "skills/claim/claim_skill.hpp"
#include "skills/campaigns/campaign_skill.hpp"
#include "skills/community/briefing_skill.hpp"
#include "skills/community/community_skill.hpp"
#include "skills/community/event_skill.hpp"
#include "skills/community/poll_skill.hpp"
#include "skills/community/recognition_skill.hpp"
#include "skills/community/recruitment_skill.hpp"
#include "skills/escalation/escalation_skill.hpp"
#include "skills/faq/draft_skill.hpp"
#include "skills/feedback/feedback_skill.hpp"
#include "skills/faq/faq_skill.hpp"
#include "skills/help/help_skill.hpp"
#include "skills/routing/routing_skill.hpp"
#include "skills/trends/digest_skill.hpp"

namespace relais::skills {
namespace {
/// The organisation's working hours: the configured hours, days and zone, with the holidays.
core::WorkingHours organisation_hours(const config::Config& c, core::WorkingHours calendar) {
  core::parse_hours(c.routing.working_hours, calendar);  // validated by config::load
  core::parse_days(c.routing.working_days, calendar);
  if (auto zone = core::TimeZone::named(c.routing.time_zone)) calendar.zone = *zone;
  return calendar;
}

escalation::Policy escalation_policy(const config::Config& c, const core::WorkingHours& hours,
                                     const routing::Circles& circles) {
  escalation::Policy p;
  p.ladder = {std::chrono::minutes(c.questions.reroute_after_minutes),
              std::chrono::minutes(c.questions.escalate_to_community_after_minutes),
              std::chrono::minutes(c.questions.escalate_to_it_after_minutes)};
  p.remind_before = std::chrono::minutes(c.questions.remind_claimant_before_minutes);
  p.working = core::WorkingTime(hours);
  std::string error;  // the specs were checked by config::load
  if (!c.questions.community_room.empty())
    p.community_room = core::parse_room("community", c.questions.community_room, c.questions.rooms_language,
                                        core::Role::ambassador, error);
  if (!c.questions.it_room.empty())
    p.it_room = core::parse_room("it", c.questions.it_room, c.questions.rooms_language, core::Role::it, error);
  for (const auto& [name, s] : circles) {
    if (!s.reroute && !s.to_community && !s.to_it) continue;
    p.per_circle[name] = {s.reroute.value_or(p.ladder.reroute), s.to_community.value_or(p.ladder.to_community),
                          s.to_it.value_or(p.ladder.to_it)};
  }
  return p;
}


routing::Policy routing_policy(const config::Config& c, const core::WorkingHours& hours, const routing::Circles& circles) {
  routing::Policy p{c.routing.fan_out, c.routing.daily_cap, static_cast<double>(c.routing.expertise_half_life_days), {}, hours};
  for (const auto& [name, s] : circles) p.neighbours[name] = s.neighbours;
  return p;
}

std::optional<core::Room> room(const config::Config& c, const char* name, const std::string& spec, core::Role audience) {
  std::string error;  // the spec was checked by config::load
  if (spec.empty()) return std::nullopt;
  return core::parse_room(name, spec, c.questions.rooms_language, audience, error);
}

int minute_of_day(const std::string& hh_mm) {  // checked by config::load
  return std::stoi(hh_mm.substr(0, 2)) * 60 + std::stoi(hh_mm.substr(3, 2));
}

onboarding::Settings onboarding_settings(const config::Config& c, const core::WorkingHours& hours) {
  const auto& o = c.onboarding;
  return {hours, minute_of_day(o.send_at), o.remind_after_days, o.max_reminders, o.enrol_within_days,
          std::chrono::minutes(o.sweep_minutes)};
}

}  // namespace

Registry::Registry(const config::Config& config, std::shared_ptr<const faq::FaqIndex> faq_index,
                   core::WorkingHours calendar, const routing::Circles& circles, onboarding::Path onboarding_path,
                   surveys::SurveyList survey_list)
    : routing_(escalation_policy(config, organisation_hours(config, calendar), circles),
               routing_policy(config, organisation_hours(config, calendar), circles)) {
  auto onboarding = std::make_unique<onboarding::OnboardingSkill>(
      onboarding_settings(config, organisation_hours(config, calendar)), std::move(onboarding_path));
  onboarding_ = onboarding.get();
  skills_.push_back(std::move(onboarding));  // before help: a starter's "welcome" is theirs
  if (config.surveys.enabled) {
    auto survey_skill = std::make_unique<surveys::SurveySkill>(
        surveys::Settings{organisation_hours(config, calendar), minute_of_day(config.surveys.send_at),
                          config.surveys.remind_after_days},
        std::move(survey_list));
    surveys_ = survey_skill.get();
    skills_.push_back(std::move(survey_skill));
  }
  skills_.push_back(std::make_unique<help::HelpSkill>());
  skills_.push_back(std::make_unique<community::CommunitySkill>());
  add_community_skills(config, organisation_hours(config, calendar));
  skills_.push_back(std::make_unique<routing::RoutingSkill>());
  skills_.push_back(std::make_unique<claim::ClaimSkill>(routing_));
  skills_.push_back(std::make_unique<escalation::EscalationSkill>(routing_.escalation_policy(), routing_));
  skills_.push_back(std::make_unique<faq::DraftSkill>(std::filesystem::path(config.knowledge.path) / "faq"));
  skills_.push_back(std::make_unique<feedback::FeedbackSkill>(
      [this](const std::string& text, const std::string& language) { return faq_->topics_for(text, language); },
      config.feedback.retention_days));
  auto faq = std::make_unique<faq::FaqSkill>(
      std::move(faq_index), faq::Thresholds{config.faq.answer_threshold, config.faq.suggest_threshold},
      faq::Learning{config.faq.learn_phrasings, std::filesystem::path(config.knowledge.path) / "faq"}, routing_);
  faq_ = faq.get();
  if (!config.questions.it_room.empty()) {
    std::string error;
    if (auto room = core::parse_room("it", config.questions.it_room, config.questions.rooms_language, core::Role::it, error))
      skills_.push_back(std::make_unique<trends::DigestSkill>(
          std::move(*room), core::SendTimes{organisation_hours(config, calendar), minute_of_day(config.onboarding.send_at)},
          [this] { return faq_->lexicon(); }));
  }
  skills_.push_back(std::move(faq));  // last: the catch-all
}

void Registry::add_community_skills(const config::Config& config, const core::WorkingHours& hours) {
  const auto community_room = room(config, "community", config.questions.community_room, core::Role::ambassador);
  const auto it_room = room(config, "it", config.questions.it_room, core::Role::it);
  const core::SendTimes send_times{hours, minute_of_day(config.onboarding.send_at)};
  auto recruitment = std::make_unique<community::RecruitmentSkill>(
      community::RecruitmentSettings{community_room, config.community.room_link});
  if (surveys_)
    surveys_->when_yes([r = recruitment.get()](core::Turn& turn, const core::Person& person, const std::string& signal) {
      if (signal == "volunteer" && r->offer(turn, person, "survey", "")) turn.reply({turn.say("recruit.survey_thanks")});
    });
  skills_.push_back(std::move(recruitment));
  skills_.push_back(std::make_unique<community::EventSkill>(community::EventSettings{hours.zone, community_room}));
  skills_.push_back(std::make_unique<community::PollSkill>(community::PollSettings{hours.zone, community_room}));
  skills_.push_back(std::make_unique<community::BriefingSkill>());
  skills_.push_back(std::make_unique<campaigns::CampaignSkill>(campaigns::CampaignSettings{
      send_times, community_room, it_room, config.surveys.min_group_size,
      [this](const std::vector<std::string>& topics, const std::string& language) {
        return faq_->entries_about(topics, language);
      }}));
  skills_.push_back(std::make_unique<community::RecognitionSkill>(community::RecognitionSettings{
      send_times, community_room, config.community.leaderboard_size, config.surveys.min_group_size}));
}

std::vector<core::Skill*> Registry::skills() const {
  std::vector<core::Skill*> out;
  for (const auto& s : skills_) out.push_back(s.get());
  return out;
}

void Registry::use_faq_index(std::shared_ptr<const faq::FaqIndex> index) { faq_->use_index(std::move(index)); }

void Registry::use_onboarding_path(onboarding::Path path) { onboarding_->use_path(std::move(path)); }

faq::text::Lexicon Registry::lexicon() const { return faq_->lexicon(); }

void Registry::use_surveys(surveys::SurveyList list) {
  if (surveys_) surveys_->use_surveys(std::move(list));
}

std::vector<storage::Migration> Registry::migrations() const {
  std::vector<storage::Migration> out;
  for (const auto& s : skills_)
    for (const auto& m : s->migrations()) out.push_back(m);
  return out;
}

}  // namespace relais::skills
