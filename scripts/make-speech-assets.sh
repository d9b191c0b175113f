#!/usr/bin/env bash
# Regenerates assets/speech/: the short synthetic phrases the demo store is composed from.
#
# Run once by a developer when the phrase list changes, then commit the output. The app and the
# tests only read the committed WAVs and phrases.json; they never need espeak-ng, sox or ffmpeg.
#
#   Needs: espeak-ng, sox (Debian: apt-get install espeak-ng sox)
#   Usage: scripts/make-speech-assets.sh [out-dir]     (default: assets/speech)
#
# Output: 8 kHz mono G.711 µ-law WAV per phrase (telephone quality and half the size of PCM16),
# plus phrases.json: [{ id, file, speaker, text, durationSec, topic }].
set -euo pipefail

cd "$(dirname "$0")/.."
OUT="${1:-assets/speech}"
for tool in espeak-ng sox soxi; do
  command -v "$tool" >/dev/null || { echo "make-speech-assets: $tool is not installed" >&2; exit 1; }
done
mkdir -p "$OUT"
rm -f "$OUT"/*.wav "$OUT"/phrases.json

# Two clearly different voices so the two channels are easy to tell apart by ear.
AGENT_VOICE=(-v en-us -s 165 -p 42)
CUSTOMER_VOICE=(-v en-gb+f3 -s 150 -p 62)

# id | speaker (a = agent, c = customer) | topic | text   (text must not contain " or \)
PHRASES=$(cat <<'LIST'
greet-1|a|greeting|Thank you for calling Northwind Services. How can I help you today?
greet-2|a|greeting|Good morning, you're through to Northwind customer care. What can I do for you?
greet-recorded|a|greeting|This call may be recorded for quality and training purposes.
greet-outbound|a|greeting|Hello, this is Northwind Services calling. Am I speaking with the account holder?
greet-internal|a|greeting|Hi, it's the billing team here. Have you got a minute to look at a case with me?
cust-hello|c|greeting|Hi there, thanks.
cust-speaking|c|greeting|Yes, speaking. What's this about?
cust-internal|c|greeting|Sure, go ahead. Which case is it?
id-intro|a|identity|Before we go any further, I just need to verify a few details.
id-dob|a|identity|Can I have your date of birth?
cust-dob|c|identity|It's the fourth of March nineteen eighty two.
id-address|a|identity|And can you confirm the first line of your address?
cust-address|c|identity|Twelve Maple Drive.
id-verified|a|identity|Thank you, that's all verified.
cust-billing-double|c|billing|I'm calling about my last bill. I've been charged twice for the same month.
cust-billing-dispute|c|billing|There's a charge on my statement I don't recognise at all, and I want to dispute it.
billing-look|a|billing|I'm sorry to hear that. Let me pull up your account and take a look.
billing-duplicate|a|billing|I can see two charges of forty nine ninety nine on the third. That does look like a duplicate.
cust-billing-refund|c|billing|Right, so can I get one of them refunded?
billing-refund|a|billing|I've raised a refund for the duplicate charge. It should reach you within five to seven working days.
cust-tech-drops|c|tech|My internet keeps dropping out every evening, and it's been going on for a week.
cust-tech-tried|c|tech|I've already tried turning it off and on again, several times.
tech-restart|a|tech|Okay, let's run a quick test on the line. Can you restart your router for me?
cust-tech-restarting|c|tech|Okay, it's restarting now. The lights are flashing.
tech-fixed|a|tech|Great. The connection is back up, and the signal looks much stronger now.
tech-engineer|a|tech|If it drops again, call us back and I'll book an engineer visit for you.
coll-intro|a|collections|I'm calling about the overdue balance on your account.
coll-miranda|a|collections|This is an attempt to collect a debt and any information obtained will be used for that purpose.
coll-balance|a|collections|Your account is currently sixty days past due, with a balance of three hundred and twelve dollars.
cust-coll-hardship|c|collections|I know. I lost my job last month and I'm struggling to keep up.
coll-plan|a|collections|I understand. We can set up a payment plan that works for you.
cust-coll-offer|c|collections|Could I pay fifty dollars a month?
coll-agreed|a|collections|Yes, I can set that up starting on the first of next month.
pay-card|a|payment|Would you like to make a payment by card today?
cust-card-number|c|payment|Sure, the number is four one one one, one one one one, one one one one, one one one one.
pay-expiry|a|payment|And the expiry date and the security code, please?
cust-card-code|c|payment|Expiry is twelve twenty eight, and the code on the back is seven three seven.
pay-done|a|payment|Thank you, that payment has gone through.
sales-offer|a|sales|While I have you, you're eligible for our premium plan, with unlimited calls and faster speeds.
cust-sales-price|c|sales|How much would that cost me?
sales-price|a|sales|It's just ten dollars more per month, and the first three months are half price.
cust-sales-yes|c|sales|Okay, that sounds good. Let's do it.
cust-sales-no|c|sales|No thanks, I'm happy with what I have.
cust-ret-cancel|c|retention|I'd like to cancel my contract. I've found a cheaper deal elsewhere.
ret-ask|a|retention|I'm sorry to hear you're thinking of leaving. Can I ask what you've been offered?
ret-offer|a|retention|I can offer you twenty percent off for the next twelve months if you stay with us.
cust-ret-stay|c|retention|Well, in that case, I'll stay.
cust-comp-third|c|complaint|Honestly, this is the third time I've called about this, and nobody has fixed it.
cust-comp-manager|c|complaint|I want to make a formal complaint, and I'd like to speak to a manager.
comp-apology|a|complaint|I completely understand your frustration, and I apologise. I'm logging a formal complaint now.
comp-case|a|complaint|I've opened a case for you, and the case number is in the email I'm sending now.
hold-start|a|hold|Let me put you on a brief hold while I check that.
cust-hold-ok|c|hold|Okay, no problem.
hold-back|a|hold|Thank you for holding. I appreciate your patience.
close-anything|a|closing|Is there anything else I can help you with today?
cust-close-no|c|closing|No, that's everything. Thank you.
close-bye|a|closing|Thanks for calling Northwind. Have a great day.
cust-bye|c|closing|Thanks, bye.
cust-yes|c|filler|Yes, that's right.
cust-okay|c|filler|Okay.
cust-interrupt|c|filler|Sorry, can I just ask something?
agent-sure|a|filler|Sure, go ahead.
LIST
)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
json="$OUT/phrases.json"
echo "[" > "$json"
first=1
while IFS='|' read -r id who topic text; do
  [ -z "$id" ] && continue
  case "$text" in *'"'*|*'\'*) echo "make-speech-assets: phrase $id has a quote or backslash" >&2; exit 1;; esac
  if [ "$who" = a ]; then speaker=agent; voice=("${AGENT_VOICE[@]}"); level=-3; else speaker=customer; voice=("${CUSTOMER_VOICE[@]}"); level=-5; fi
  file="$id.wav"
  espeak-ng "${voice[@]}" -w "$tmp/raw.wav" "$text"
  # Trim synthesiser silence at both ends (the demo writer places its own gaps), band-limit like
  # a phone line, normalise, then resample to 8 kHz µ-law.
  sox "$tmp/raw.wav" -r 8000 -c 1 -e u-law -b 8 "$OUT/$file" \
    silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse \
    sinc 300-3400 gain -n "$level"
  dur=$(soxi -D "$OUT/$file")
  [ $first -eq 1 ] || echo "," >> "$json"
  first=0
  printf '  { "id": "%s", "file": "%s", "speaker": "%s", "text": "%s", "durationSec": %.3f, "topic": "%s" }' \
    "$id" "$file" "$speaker" "$text" "$dur" "$topic" >> "$json"
done <<< "$PHRASES"
printf '\n]\n' >> "$json"
echo "make-speech-assets: wrote $(ls "$OUT"/*.wav | wc -l) phrases, $(du -sh "$OUT" | cut -f1) in $OUT"
