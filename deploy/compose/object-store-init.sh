#!/bin/sh
# Compose's one-shot set-up of the object store (docker-compose.yml, service minio-init): the bucket of
# petition-service's attachments, which the service does not create, and the service's own MinIO user, whose
# policy allows reading, writing and deleting that bucket's objects and nothing else (ObjectStorage calls
# putObject, getObject and deleteObject only). Every step is idempotent: each `docker compose up` runs it again.
# The names and the secret come from the environment the compose file gives the container.
set -eu
: "${MINIO_ROOT_USER:?}" "${MINIO_ROOT_PASSWORD:?}"
: "${MINHU_OBJECT_STORE_BUCKET:?}" "${MINHU_OBJECT_STORE_ACCESS_KEY:?}" "${MINHU_OBJECT_STORE_SECRET_KEY:?}"
bucket=$MINHU_OBJECT_STORE_BUCKET
user=$MINHU_OBJECT_STORE_ACCESS_KEY
policy=minhu-attachments-rw

mc alias set minio http://minio:9000 "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" >/dev/null
mc mb --ignore-existing "minio/$bucket"

umask 077
cat > /tmp/minhu-attachments-policy.json <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
      "Resource": ["arn:aws:s3:::$bucket/*"]
    }
  ]
}
POLICY
# add or replace: a changed secret or policy takes effect on the next `up`
mc admin user add minio "$user" "$MINHU_OBJECT_STORE_SECRET_KEY"
mc admin policy create minio "$policy" /tmp/minhu-attachments-policy.json
# attaching a policy the user already has is an error in mc, so attach only when missing (`case`, not grep:
# the mc image is minimal)
has_policy() {
    case $(mc admin user info minio "$user") in *"$policy"*) return 0 ;; *) return 1 ;; esac
}
has_policy || mc admin policy attach minio "$policy" --user "$user"
has_policy
echo "object store ready: bucket $bucket, user $user ($policy)"
