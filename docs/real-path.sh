npm ci
(cd policies && npm ci)            # the pack runs as its own Node program and needs its own install
pulumi login                       # Pulumi Cloud; or `pulumi login --local` (then export PULUMI_CONFIG_PASSPHRASE=...)
pulumi stack init dev              # once; Pulumi.dev.yaml is already committed (later: pulumi stack select dev)

# Your own name, key and address before the first update (the committed ones are placeholders):
pulumi config set --path 'bastion-network:settings.prefix' acme      # 1-20 lowercase letters, digits, -
mkdir -p -m 700 ~/.ssh
ssh-keygen -t ed25519 -f ~/.ssh/acme-key.pem -C "$USER"              # private ~/.ssh/acme-key.pem, public ~/.ssh/acme-key.pem.pub
pulumi config set --path 'bastion-network:settings.access.keyPair.name' acme-key
pulumi config set --path 'bastion-network:settings.access.keyPair.publicKey' "$(cat ~/.ssh/acme-key.pem.pub)"
pulumi config set --path 'bastion-network:settings.access.instanceConnect.iamGroups[0]' acme-operators
pulumi config set --path 'bastion-network:settings.operatorCidrs[0]' "$(curl -s https://checkip.amazonaws.com)/32"

pulumi preview --policy-pack policies          # what would change, checked by the pack
pulumi up --policy-pack policies               # build it, with the pack enforced
pulumi stack output sshInstructions            # how to get in
pulumi stack output sshConfig > ~/.ssh/bastion-network-dev.conf
grep -qx 'Include bastion-network-dev.conf' ~/.ssh/config 2>/dev/null || printf 'Include bastion-network-dev.conf\n%s' "$(cat ~/.ssh/config 2>/dev/null)" > ~/.ssh/config
ssh acme-web                                   # through the bastion, by private IP
